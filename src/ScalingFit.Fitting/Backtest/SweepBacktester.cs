using System.Globalization;
using ScalingFit.Core;

namespace ScalingFit.Fitting;

/// <summary>Options of <see cref="SweepBacktester"/>. Immutable; change with <c>with { … }</c>.</summary>
/// <param name="HeldOutBudgets">Hold out the largest k IsoFLOP budgets for each k (default 1 and 2; without budgets, k
/// half-decades of C, <see cref="Backtester.CutoffsForHeldOutBudgets"/>). When the sweep has too few budgets for the
/// largest k, the ks it allows are used.</param>
/// <param name="MaxResamples">At most this many bootstrap resamples per backtest frontier (default 200): the held-out
/// predictions' centres do not depend on it, only their intervals, and each cutoff repeats the frontier bootstrap.</param>
public sealed record SweepBacktestOptions(IReadOnlyList<int>? HeldOutBudgets = null, int MaxResamples = 200)
{
    /// <summary>Hold out the top 1 and 2 budgets, at most 200 resamples per frontier.</summary>
    public static SweepBacktestOptions Default { get; } = new();

    /// <summary>The held-out budget counts in force.</summary>
    public IReadOnlyList<int> EffectiveHeldOutBudgets => HeldOutBudgets ?? [1, 2];
}

/// <summary>
/// What <see cref="SweepBacktester.Run"/> found: one <see cref="BacktestResult"/> per approach, or why the sweep allows none.
/// </summary>
/// <param name="Results">Per approach, the cutoffs with their held-out targets (empty when skipped).</param>
/// <param name="Cutoffs">The FLOP cutoffs used (empty when skipped).</param>
/// <param name="Diagnostics">Why there is no backtest (<see cref="DiagnosticCodes.NoBacktest"/>), or the approaches and
/// cutoffs that could not be backtested.</param>
public sealed record SweepBacktest(IReadOnlyList<BacktestResult> Results, IReadOnlyList<double> Cutoffs, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when at least one held-out value was predicted.</summary>
    public bool HasTargets => Results.Any(r => r.Cutoffs.Any(c => c.Targets.Count > 0));

    /// <summary>Why there is no backtest, or null when there is one.</summary>
    public string? SkipReason => HasTargets ? null : Diagnostics.FirstOrDefault(d => d.Code == DiagnosticCodes.NoBacktest.Code)?.Message ?? "no held-out value could be predicted.";
}

/// <summary>
/// Backtests the fits of a <see cref="FitAllResult"/> the way they were made ("rollouts", <see cref="Backtester"/>): for
/// each approach that was fitted, hold out the top 1 and 2 FLOP budgets, refit with the fit's own options, and predict
/// what was held out. For the report's predicted-against-observed figure; the sweep decides whether it allows one.
/// </summary>
public static class SweepBacktester
{
    /// <summary>Backtests every fit in <paramref name="results"/>; never throws for data that allow no backtest (see <see cref="SweepBacktest.SkipReason"/>).</summary>
    /// <param name="results">The fits and their data.</param>
    /// <param name="options">Options (default <see cref="SweepBacktestOptions.Default"/>).</param>
    /// <param name="progress">Receives one <see cref="FitStage.Backtest"/> item per approach and cutoff.</param>
    /// <param name="cancellationToken">Stops the work; throws <see cref="OperationCanceledException"/>.</param>
    public static SweepBacktest Run(FitAllResult results, SweepBacktestOptions? options = null, IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        options ??= SweepBacktestOptions.Default;
        if (options.MaxResamples < 0 || options.EffectiveHeldOutBudgets.Count == 0 || options.EffectiveHeldOutBudgets.Any(k => k < 1))
            throw new ArgumentOutOfRangeException(nameof(options), "Hold out at least one budget per cutoff, with MaxResamples ≥ 0.");
        var runs = results.Runs;
        var iso = results.Fits.OfType<IsoFlopFitResult>().FirstOrDefault()?.Options;
        double[]? cutoffs = null;
        string? why = null;
        // The largest counts first: drop them until the sweep has budgets enough.
        var counts = options.EffectiveHeldOutBudgets.Distinct().Order().ToList();
        while (counts.Count > 0 && cutoffs is null)
        {
            try
            {
                cutoffs = Backtester.CutoffsForHeldOutBudgets(runs, counts, iso);
            }
            catch (ArgumentException ex)
            {
                why ??= ex.Message.Split(" (Parameter")[0];
                counts.RemoveAt(counts.Count - 1);
            }
        }
        if (results.Fits.Count == 0)
            return Skipped("nothing was fitted.");
        if (cutoffs is null)
            return Skipped(why ?? "the sweep has no FLOP range to hold out.");

        var list = new List<BacktestResult>();
        var diagnostics = new List<Diagnostic>();
        foreach (var fit in results.Fits)
        {
            var counter = FitProgress.Counter(progress, fit.Approach, FitStage.Backtest, cutoffs.Length);
            var frontier = LossFrontierOptions.ForFit(fit);
            var bootstrap = frontier.EffectiveBootstrap;
            frontier = frontier with { Bootstrap = bootstrap with { Resamples = Math.Min(bootstrap.Resamples, options.MaxResamples) } };
            var backtestOptions = new BacktestOptions((fit as EnvelopeFitResult)?.Options, iso, (fit as ParametricFitResult)?.Options, frontier);
            var cuts = new List<BacktestCutoff>();
            for (int i = 0; i < cutoffs.Length; i++)
            {
                cuts.AddRange(Backtester.Run(runs, fit.Approach, [cutoffs[i]], backtestOptions, cancellationToken).Cutoffs);
                counter?.Report(i + 1);
            }
            foreach (var failed in cuts.Where(c => c.Failure is not null))
                diagnostics.Add(DiagnosticCodes.NoBacktest.With(Severity.Info, string.Create(CultureInfo.InvariantCulture,
                    $"{fit.Approach.Name()}: no backtest at cutoff C = {failed.CutoffFlops:0.##e+0}: {failed.Failure}.")));
            list.Add(new BacktestResult(fit.Approach, cuts, []));
        }
        var backtest = new SweepBacktest(list, cutoffs, diagnostics);
        return backtest.HasTargets ? backtest
            : new SweepBacktest(list, cutoffs, [DiagnosticCodes.NoBacktest.With(Severity.Info,
                "No held-out value could be predicted: " + string.Join(" ", diagnostics.Select(d => d.Message))), .. diagnostics]);
    }

    private static SweepBacktest Skipped(string reason) =>
        new([], [], [DiagnosticCodes.NoBacktest.With(Severity.Info, "No backtest: " + reason)]);
}
