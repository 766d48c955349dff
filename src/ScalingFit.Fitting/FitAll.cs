using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>
/// Options of <see cref="ScalingLaws.FitAll"/>: which approaches to try and each one's options. Every default is
/// visible here; change them with <c>with { … }</c>.
/// </summary>
/// <param name="Approaches">The approaches to try, in this order (default: all three, in the paper's order).</param>
/// <param name="Envelope">Options of Approach 1 (default <see cref="EnvelopeFitOptions.Default"/>).</param>
/// <param name="IsoFlop">Options of Approach 2 (default <see cref="IsoFlopFitOptions.Default"/>).</param>
/// <param name="Parametric">Options of Approach 3 (default <see cref="ParametricFitOptions.Default"/>).</param>
/// <param name="PaperBudgetsFirst">When the runs carry no budget labels and <see cref="IsoFlopFitOptions.Budgets"/> is not
/// set, group the IsoFLOP runs by the paper's nine budgets (<see cref="SweepSimulator.PaperBudgets"/>, where the
/// Figure-4 points sit) and fall back to automatic grouping when fewer than 3 of them hold a valley. Default false
/// (automatic grouping); reproducing the paper sets it.</param>
public sealed record FitAllOptions(
    IReadOnlyList<Approach>? Approaches = null,
    EnvelopeFitOptions? Envelope = null,
    IsoFlopFitOptions? IsoFlop = null,
    ParametricFitOptions? Parametric = null,
    bool PaperBudgetsFirst = false)
{
    /// <summary>All three approaches with their default options, automatic IsoFLOP grouping.</summary>
    public static FitAllOptions Default { get; } = new();

    /// <summary>The approaches actually tried.</summary>
    public IReadOnlyList<Approach> EffectiveApproaches => Approaches ?? Fitting.Approaches.All;
}

/// <summary>An approach <see cref="ScalingLaws.FitAll"/> did not deliver, and why.</summary>
/// <param name="Approach">The approach.</param>
/// <param name="Reason">Why, in the library's words (e.g. it needs training curves; or the fit's error diagnostics).</param>
/// <param name="Fit">The failed fit, when one was attempted (its report and diagnostics say more); null when the data
/// could not support the approach at all.</param>
public sealed record SkippedApproach(Approach Approach, string Reason, IAllocationFit? Fit = null);

/// <summary>
/// What <see cref="ScalingLaws.FitAll"/> delivered: the successful fits in the order asked, the approaches skipped with
/// the reason, and notes on decisions taken (e.g. how IsoFLOP runs were grouped).
/// </summary>
/// <param name="Fits">Every approach that succeeded (<see cref="IAllocationFit.Succeeded"/>).</param>
/// <param name="Skipped">Every approach that was not tried or failed, with the reason.</param>
/// <param name="Notes">Decisions worth telling the user, one sentence each.</param>
/// <param name="Runs">The data the approaches were fitted to (for figures and reports).</param>
public sealed record FitAllResult(IReadOnlyList<IAllocationFit> Fits, IReadOnlyList<SkippedApproach> Skipped, IReadOnlyList<string> Notes, RunSet Runs)
{
    /// <summary>True when at least one approach succeeded.</summary>
    public bool Succeeded => Fits.Count > 0;

    /// <summary>The fit of <paramref name="approach"/>, or null when it was skipped.</summary>
    public IAllocationFit? this[Approach approach] => Fits.FirstOrDefault(f => f.Approach == approach);

    /// <summary>A result holding the one successful <paramref name="fit"/> of <paramref name="runs"/>.</summary>
    public static FitAllResult Of(IAllocationFit fit, RunSet runs) => new([fit], [], [], runs);

    /// <summary>This result and <paramref name="other"/> (e.g. fitted on a subset of these runs), ordered by approach; the runs are these.</summary>
    public FitAllResult Combine(FitAllResult other) => new(
        [.. Fits.Concat(other.Fits).OrderBy(f => f.Approach)],
        [.. Skipped.Concat(other.Skipped).OrderBy(s => s.Approach)],
        [.. Notes, .. other.Notes],
        Runs);
}

/// <summary>"Fit every approach the data supports": the one implementation behind <c>fit all</c>, <c>report</c> and <c>reproduce</c>.</summary>
internal static class FitAllRunner
{
    /// <summary>The fewest runs Approaches 2 and 3 are tried on (the parametric law has 5 coefficients).</summary>
    public const int MinimumRuns = 6;

    public static FitAllResult Run(RunSet runs, FitAllOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        var fits = new List<IAllocationFit>();
        var skipped = new List<SkippedApproach>();
        var notes = new List<string>();
        foreach (var approach in options.EffectiveApproaches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Unsupported(approach, runs) is { } reason)
            {
                skipped.Add(new SkippedApproach(approach, reason));
                continue;
            }
            var fit = Fit(approach, runs, options, notes, progress, cancellationToken);
            if (FailureReason(fit) is { } why)
                skipped.Add(new SkippedApproach(approach, why, fit));
            else
                fits.Add(fit);
        }
        return new FitAllResult(fits, skipped, notes, runs);
    }

    /// <summary>Why <paramref name="fit"/> gave no usable exponent (its error diagnostics), or null when it succeeded.</summary>
    public static string? FailureReason(IAllocationFit fit)
    {
        if (fit.Succeeded)
            return null;
        var errors = fit.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Message).ToArray();
        return errors.Length > 0 ? string.Join(" ", errors) : "no exponent could be fitted.";
    }

    private static string? Unsupported(Approach approach, RunSet runs) => approach switch
    {
        Approach.Envelope when !runs.HasCurves => "needs training curves (several rows per run); this data holds final losses only. Give curves (several checkpoints per run, or a separate curves file).",
        Approach.IsoFlop when runs.Runs.Count < MinimumRuns => $"needs several runs at each of at least two FLOP budgets; the data has {runs.Runs.Count} runs.",
        Approach.Parametric when runs.Runs.Count < MinimumRuns => $"needs at least {MinimumRuns} runs to fit 5 coefficients; the data has {runs.Runs.Count}.",
        _ => null,
    };

    private static IAllocationFit Fit(Approach approach, RunSet runs, FitAllOptions options, List<string> notes,
        IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        switch (approach)
        {
            case Approach.Envelope:
                return EnvelopeFitter.Fit(runs, options.Envelope, progress, cancellationToken);
            case Approach.IsoFlop:
                var isoFlop = options.IsoFlop ?? IsoFlopFitOptions.Default;
                if (options.PaperBudgetsFirst && isoFlop.Budgets is null && !runs.Runs.Any(r => r.FlopBudget is not null))
                {
                    // The paper's nine budgets first (the Figure-4 points sit near them); automatic grouping if too few hold a valley.
                    var paper = IsoFlopFitter.Fit(runs, isoFlop with { Budgets = SweepSimulator.PaperBudgets }, progress, cancellationToken);
                    if (paper.BudgetCount >= 3)
                    {
                        notes.Add("isoflop: runs grouped by the paper's nine FLOP budgets (6e18 … 3e21); set IsoFlopFitOptions.Budgets to choose others.");
                        return paper;
                    }
                    notes.Add("isoflop: fewer than 3 of the paper's budgets hold a valley in this data; grouping FLOPs automatically.");
                }
                return IsoFlopFitter.Fit(runs, isoFlop, progress, cancellationToken);
            default:
                return ParametricFitter.Fit(runs, options.Parametric, progress, cancellationToken);
        }
    }
}
