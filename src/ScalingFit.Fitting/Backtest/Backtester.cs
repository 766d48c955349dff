using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Fitting;

/// <summary>
/// Options of <see cref="Backtester"/>. The fits on the training part run without their own bootstrap; the intervals
/// come from the frontier's (<see cref="Frontier"/>).
/// </summary>
/// <param name="Envelope">Envelope options (default <see cref="EnvelopeFitOptions.Default"/>).</param>
/// <param name="IsoFlop">IsoFLOP options (default <see cref="IsoFlopFitOptions.Default"/>).</param>
/// <param name="Parametric">Parametric options (default <see cref="ParametricFitOptions.Default"/>).</param>
/// <param name="Frontier">The loss frontier and its bootstrap (default <see cref="LossFrontierOptions.Default"/>).</param>
/// <param name="MaxEnvelopeTargets">At most this many envelope points above the cutoff are predicted, log-spaced in C (default 12).</param>
public sealed record BacktestOptions(
    EnvelopeFitOptions? Envelope = null,
    IsoFlopFitOptions? IsoFlop = null,
    ParametricFitOptions? Parametric = null,
    LossFrontierOptions? Frontier = null,
    int MaxEnvelopeTargets = 12)
{
    /// <summary>Every approach's defaults, 1,000 frontier resamples.</summary>
    public static BacktestOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (MaxEnvelopeTargets < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxEnvelopeTargets), MaxEnvelopeTargets, "Predict at least one envelope point.");
        Envelope?.Validate();
        IsoFlop?.Validate();
        Parametric?.Validate();
        Frontier?.Validate();
    }
}

/// <summary>
/// Backtests ("rollouts") of the three approaches: hold out the top of the sweep, fit the rest, predict what was held out.
/// The held-out part is everything above a FLOP cutoff: whole IsoFLOP budgets (Approach 2; also the runs and budget
/// minima for Approach 3), runs (Approach 3), and for the envelope (Approach 1) every checkpoint above the cutoff, the
/// targets being the full data's envelope points there. Each held-out value is compared with its prediction: relative
/// loss error, ln(predicted/observed N_opt), and whether it fell inside its interval (the prediction interval for a
/// loss, the interval of N_opt(C) for a size).
/// </summary>
public static class Backtester
{
    /// <summary>
    /// Cutoffs that hold out the largest k budgets for each k in <paramref name="heldOutBudgets"/>: the geometric midpoint
    /// between the k-th and (k+1)-th largest IsoFLOP budget. Without budgets (e.g. curves only) the k-th cutoff lies k/2
    /// decades below the largest C in the data.
    /// </summary>
    /// <exception cref="ArgumentException">A k is below 1, or leaves fewer than two budgets.</exception>
    public static double[] CutoffsForHeldOutBudgets(RunSet runs, IReadOnlyList<int> heldOutBudgets, IsoFlopFitOptions? isoFlop = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var budgets = Budgets(runs, isoFlop);
        var cutoffs = new double[heldOutBudgets.Count];
        for (int i = 0; i < cutoffs.Length; i++)
        {
            int k = heldOutBudgets[i];
            if (k < 1)
                throw new ArgumentException($"Hold out at least one budget (got {k}).", nameof(heldOutBudgets));
            if (budgets.Length >= 2)
            {
                if (k > budgets.Length - 2)
                    throw new ArgumentException($"Holding out {k} of the {budgets.Length} FLOP budgets leaves {budgets.Length - k}; a frontier needs at least 2 (IsoFLOP fits need more). Hold out at most {budgets.Length - 2}.", nameof(heldOutBudgets));
                cutoffs[i] = Math.Sqrt(budgets[^k].Flops * budgets[^(k + 1)].Flops);
            }
            else
            {
                double max = MaxFlops(runs);
                cutoffs[i] = max * Math.Pow(10, -0.5 * k);
            }
        }
        return cutoffs;
    }

    /// <summary>Backtests <paramref name="approach"/> at each cutoff.</summary>
    /// <param name="runs">The whole sweep.</param>
    /// <param name="approach">The approach to backtest.</param>
    /// <param name="cutoffs">FLOP cutoffs: data above each is held out.</param>
    /// <param name="options">Options (default <see cref="BacktestOptions.Default"/>).</param>
    /// <param name="cancellationToken">Stops the work; throws <see cref="OperationCanceledException"/>.</param>
    public static BacktestResult Run(RunSet runs, Approach approach, IReadOnlyList<double> cutoffs, BacktestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(cutoffs);
        options ??= BacktestOptions.Default;
        options.Validate();
        var frontierOptions = options.Frontier ?? LossFrontierOptions.Default;
        var iso = (options.IsoFlop ?? IsoFlopFitOptions.Default) with { Bootstrap = BootstrapOptions.None };
        var diagnostics = new List<Diagnostic>();
        var budgets = Budgets(runs, iso);
        var results = new List<BacktestCutoff>();
        foreach (double cutoff in cutoffs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!(cutoff > 0) || !double.IsFinite(cutoff))
                throw new ArgumentOutOfRangeException(nameof(cutoffs), cutoff, "A cutoff is a finite, positive FLOP count.");
            var heldBudgets = budgets.Where(b => b.Flops > cutoff).ToArray();
            var heldIds = heldBudgets.SelectMany(b => b.Runs).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
            bool Held(Run r) => heldIds.Contains(r.RunId) || r.Flops > cutoff;
            var train = runs with { Runs = runs.Runs.Where(r => !Held(r)).ToArray() };
            results.Add(approach switch
            {
                Approach.IsoFlop => IsoFlop(train, heldBudgets, cutoff, iso, frontierOptions, cancellationToken),
                Approach.Parametric => Parametric(train, runs.Runs.Where(Held).ToArray(), heldBudgets, cutoff, options, frontierOptions, cancellationToken),
                Approach.Envelope => Envelope(runs, cutoff, heldBudgets.Length, options, frontierOptions, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(approach), approach, "Unknown approach."),
            });
        }
        return new BacktestResult(approach, results, diagnostics);
    }

    private static BacktestCutoff IsoFlop(RunSet train, IsoFlopBudget[] held, double cutoff, IsoFlopFitOptions iso,
        LossFrontierOptions frontierOptions, CancellationToken cancellationToken)
    {
        if (held.Length == 0)
            return Failed(cutoff, 0, train, "no IsoFLOP budget lies above the cutoff; nothing to predict");
        var fit = IsoFlopFitter.Fit(train, iso, null, cancellationToken);
        if (!fit.Succeeded)
            return Failed(cutoff, held.Length, train, $"the IsoFLOP fit to the {train.Runs.Count} runs below the cutoff failed: {FirstError(fit.Diagnostics)}");
        var frontier = LossFrontierFitter.Fit(fit, train, frontierOptions, null, cancellationToken);
        if (!frontier.Succeeded)
            return Failed(cutoff, held.Length, train, frontier.FailureReason!, frontier);
        return new BacktestCutoff(cutoff, held.Length, train.Runs.Count, frontier, BudgetTargets(frontier, held, frontierOptions.Valley), null);
    }

    private static BacktestCutoff Parametric(RunSet train, Run[] heldRuns, IsoFlopBudget[] held, double cutoff, BacktestOptions options,
        LossFrontierOptions frontierOptions, CancellationToken cancellationToken)
    {
        if (heldRuns.Length == 0)
            return Failed(cutoff, held.Length, train, "no run lies above the cutoff; nothing to predict");
        if (train.Runs.Count < 6)
            return Failed(cutoff, held.Length, train, $"{train.Runs.Count} runs lie below the cutoff; the parametric law needs at least 6 for its 5 coefficients");
        var parametric = (options.Parametric ?? ParametricFitOptions.Default) with { Bootstrap = BootstrapOptions.None };
        var fit = ParametricFitter.Fit(train, parametric, null, cancellationToken);
        if (fit.HasErrors || !fit.Law.IsValid)
            return Failed(cutoff, held.Length, train, $"the parametric fit to the {train.Runs.Count} runs below the cutoff failed: {FirstError(fit.Diagnostics)}");
        var frontier = LossFrontierFitter.Fit(fit, train, frontierOptions, null, cancellationToken);
        if (!frontier.Succeeded)
            return Failed(cutoff, held.Length, train, frontier.FailureReason!, frontier);
        var targets = new List<BacktestTarget>();
        foreach (var r in heldRuns)
        {
            var p = frontier.PredictAt(r.ParameterCount, r.TokenCount)!;
            targets.Add(new BacktestTarget(BacktestTargetKind.Run, r.RunId, r.Flops, r.Loss, p.Loss, p.PredictionInterval, null, null, p.ExtrapolationFactor));
        }
        targets.AddRange(BudgetTargets(frontier, held, frontierOptions.Valley));
        return new BacktestCutoff(cutoff, held.Length, train.Runs.Count, frontier, targets, null);
    }

    private static BacktestCutoff Envelope(RunSet runs, double cutoff, int heldBudgets, BacktestOptions options,
        LossFrontierOptions frontierOptions, CancellationToken cancellationToken)
    {
        var envelope = (options.Envelope ?? EnvelopeFitOptions.Default) with { Bootstrap = BootstrapOptions.None };
        double k = (runs.FlopRule ?? FlopRule.Default).Factor;
        var truncated = runs.Curves
            .Select(c => c with { Points = c.Points.Where(p => k * c.ParameterCount * p.TokenCount <= cutoff).ToArray() })
            .Where(c => c.Points.Count >= 2).ToArray();
        var train = runs with { Curves = truncated };
        var full = EnvelopeFitter.Fit(runs, envelope, null, cancellationToken);
        if (!full.Succeeded)
            return Failed(cutoff, heldBudgets, train, $"the envelope of the whole sweep could not be fitted: {FirstError(full.Diagnostics)}");
        var above = full.Frontier.Where(p => p.Flops > cutoff).ToArray();
        if (above.Length == 0)
            return Failed(cutoff, heldBudgets, train, "no envelope point lies above the cutoff; nothing to predict");
        var fit = EnvelopeFitter.Fit(train, envelope, null, cancellationToken);
        if (!fit.Succeeded)
            return Failed(cutoff, heldBudgets, train, $"the envelope of the {truncated.Length} curves cut at the cutoff could not be fitted: {FirstError(fit.Diagnostics)}");
        var frontier = LossFrontierFitter.Fit(fit, train, frontierOptions, null, cancellationToken);
        if (!frontier.Succeeded)
            return Failed(cutoff, heldBudgets, train, frontier.FailureReason!, frontier);
        int count = Math.Min(options.MaxEnvelopeTargets, above.Length);
        var picked = Enumerable.Range(0, count).Select(i => above[count == 1 ? above.Length - 1 : (int)Math.Round((double)i * (above.Length - 1) / (count - 1))]).Distinct();
        var targets = picked.Select(point =>
        {
            var p = frontier.Predict(point.Flops);
            return new BacktestTarget(BacktestTargetKind.EnvelopePoint, point.RunId, point.Flops, point.Loss, p.Loss, p.PredictionInterval,
                point.Used ? point.ParameterCount : null, point.Used ? p.ParameterCount : null, p.ExtrapolationFactor);
        }).ToArray();
        return new BacktestCutoff(cutoff, heldBudgets, truncated.Length, frontier, targets, null);
    }

    private static List<BacktestTarget> BudgetTargets(LossFrontier frontier, IsoFlopBudget[] held, ValleyMethod valley)
    {
        var targets = new List<BacktestTarget>();
        foreach (var b in held)
        {
            var m = IsoFlopValley.Find(valley, b.Runs.Select(r => r.LnParameterCount).ToArray(), b.Runs.Select(r => r.Loss).ToArray());
            if (!m.Found)
                continue;
            var p = frontier.Predict(b.Flops);
            string label = string.Create(CultureInfo.InvariantCulture, $"budget {b.NominalFlops ?? b.Flops:0.##e+0}");
            targets.Add(new BacktestTarget(BacktestTargetKind.BudgetMinimum, label, b.Flops, m.Loss, p.Loss, p.PredictionInterval,
                Math.Exp(m.LnParameterCount), p.ParameterCount, p.ExtrapolationFactor));
        }
        return targets;
    }

    private static BacktestCutoff Failed(double cutoff, int heldBudgets, RunSet train, string reason, LossFrontier? frontier = null) =>
        new(cutoff, heldBudgets, train.Runs.Count, frontier, [], reason);

    private static string FirstError(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Message ?? "no usable result";

    private static IsoFlopBudget[] Budgets(RunSet runs, IsoFlopFitOptions? options)
    {
        if (runs.Runs.Count < 3)
            return [];
        var fit = IsoFlopFitter.Fit(runs, (options ?? IsoFlopFitOptions.Default) with { Bootstrap = BootstrapOptions.None });
        if (!fit.Succeeded)
            return [];
        return fit.Budgets.Where(b => b.PointCount >= fit.Options.MinPoints).OrderBy(b => b.Flops).ToArray();
    }

    private static double MaxFlops(RunSet runs)
    {
        double max = runs.Runs.Select(r => r.Flops).DefaultIfEmpty(0).Max();
        double k = (runs.FlopRule ?? FlopRule.Default).Factor;
        foreach (var c in runs.Curves)
            if (c.Points.Count > 0)
                max = Math.Max(max, k * c.ParameterCount * c.Points[^1].TokenCount);
        return max;
    }
}
