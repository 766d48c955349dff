using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Fitting;

/// <summary>
/// Approach 3 of Hoffmann et al. 2022 (§3.3 and Appendix D.2), as replicated by Besiroglu et al. 2024 (Epoch AI):
/// fit L̂(N, D) = E + A/N^α + B/D^β by minimising
/// <code>
///   Σ_i Huber_δ( LSE(a − α·ln N_i, b − β·ln D_i, e) − ln L_i ),   A = eᵃ, B = eᵇ, E = eᵉ,  δ = 10⁻³
/// </code>
/// with L-BFGS (<see cref="Lbfgs"/>) from every point of a grid of starts (the paper's 4,500 by default), keeping the best;
/// then a = β/(α+β), b = α/(α+β), G = (αA/(βB))^(1/(α+β)), N_opt(C) = G·(C/6)^a, D_opt(C) = G⁻¹·(C/6)^b.
/// Intervals come from a bootstrap over runs (<see cref="Core.Bootstrap"/>), each refit warm-started from
/// the full-data optimum or run from the whole grid. Results are identical for the same input whatever the thread count.
/// For the common case see <see cref="ScalingLaws.FitParametric"/>.
/// </summary>
public static class ParametricFitter
{
    /// <summary>Fits the parametric law to <paramref name="runs"/>.</summary>
    /// <param name="runs">Final-loss runs; N, D and L must be finite and positive.</param>
    /// <param name="options">Options (default <see cref="ParametricFitOptions.Default"/>).</param>
    /// <param name="progress">Receives the number of starts, then of bootstrap resamples, finished.</param>
    /// <param name="cancellationToken">Checked between starts and between resamples; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The result; problems with the data or the fit (too few runs, failed starts, …) are in its <see cref="ParametricFitResult.Diagnostics"/>.</returns>
    /// <exception cref="InvalidRunException">A run has a non-finite or non-positive N, D, C or L and <see cref="ParametricFitOptions.InvalidValues"/> is <see cref="InvalidValuePolicy.Reject"/> (the default).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ParametricFitResult Fit(RunSet runs, ParametricFitOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= ParametricFitOptions.Default;
        return FitCore(runs, options, null, progress, cancellationToken);
    }

    /// <summary>
    /// Fits, then bootstraps on the given resamples instead of drawing them (e.g. the Python reference's
    /// <c>--save-indices</c> file), for side-by-side checks. Each index set lists positions in the runs left after
    /// <see cref="ParametricFitOptions.DropHighest"/>, in their original order; repeats are allowed.
    /// <see cref="ParametricFitOptions.Bootstrap"/> supplies the interval level and, when set, the threads.
    /// </summary>
    /// <exception cref="ArgumentException">An index is outside the runs kept, or as for <see cref="Fit"/>.</exception>
    public static ParametricFitResult Replay(RunSet runs, IReadOnlyList<int[]> indexSets, ParametricFitOptions? options = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indexSets);
        options ??= ParametricFitOptions.Default;
        return FitCore(runs, options, indexSets, progress, cancellationToken);
    }

    /// <summary>
    /// Bootstraps an existing fit again with other resampling settings (e.g. the paper's protocol after a 1,000-resample
    /// bootstrap), without redoing the multi-start fit: each refit starts as <paramref name="start"/> says.
    /// The returned result is <paramref name="fit"/> with new intervals, bootstrap, options and bootstrap diagnostics.
    /// </summary>
    /// <param name="runs">The runs <paramref name="fit"/> was made from (its DropHighest is applied again).</param>
    /// <param name="fit">A result of <see cref="Fit"/> or <see cref="Replay"/> on <paramref name="runs"/>.</param>
    /// <param name="bootstrap">Resamples, scheme, level, seed (and threads; 0 means the fit's <see cref="ParametricFitOptions.Threads"/>).</param>
    /// <param name="start">Warm from the fit's optimum, or the fit's whole grid per resample.</param>
    /// <param name="progress">Receives the number of resamples finished.</param>
    /// <param name="cancellationToken">Checked between resamples.</param>
    /// <exception cref="ArgumentException"><paramref name="runs"/> are not the runs the fit was made from, or the fit has no optimum.</exception>
    public static ParametricFitResult Bootstrap(RunSet runs, ParametricFitResult fit, BootstrapOptions bootstrap,
        BootstrapStart start = BootstrapStart.Warm, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(fit);
        var options = fit.Options with { Bootstrap = bootstrap ?? throw new ArgumentNullException(nameof(bootstrap)), BootstrapStart = start };
        options.Validate();
        if (options.Bootstrap.Resamples == 0)
            throw new ArgumentOutOfRangeException(nameof(bootstrap), "Ask for at least one resample.");
        var kept = Kept(runs, options, null, out _);
        if (kept.Runs.Count != fit.PointCount || fit.Convergence.BestStart < 0)
            throw new ArgumentException($"The fit used {fit.PointCount} runs and has {(fit.Convergence.BestStart < 0 ? "no" : "an")} optimum; these runs leave {kept.Runs.Count}. Pass the runs the fit was made from.", nameof(runs));
        var objective = ParametricObjective.FromRuns(kept.Runs, options.Delta, options.OverestimatePenalty);
        double value = objective.Value(fit.LogCoefficients.ToArray());
        if (!(Math.Abs(value - fit.Objective) <= 1e-12 * Math.Max(Math.Abs(fit.Objective), 1e-300) + 1e-300))
            throw new ArgumentException($"The objective of these runs at the fit's optimum is {value:R}, not the fit's {fit.Objective:R}: they are not the runs the fit was made from.", nameof(runs));
        return WithBootstrap(fit, objective, options, null, progress, cancellationToken);
    }

    /// <summary>Runs the bootstrap for <paramref name="fit"/> and returns it with intervals and bootstrap diagnostics replaced.</summary>
    private static ParametricFitResult WithBootstrap(ParametricFitResult fit, ParametricObjective objective, ParametricFitOptions options,
        IReadOnlyList<int[]>? replay, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var layout = new CoefficientLayout(options.FixedE, options.TieExponents);
        var full = fit.LogCoefficients;
        var optimum = new double[layout.Dimension];
        int k = 0;
        optimum[k++] = full[0];
        optimum[k++] = full[1];
        if (layout.FixedLnE is null)
            optimum[k++] = full[2];
        optimum[k++] = full[3];
        if (!layout.Tied)
            optimum[k] = full[4];
        var (bootstrap, convergence) = RunBootstrap(objective, layout, optimum, layout.Starts(options.Grid, options.ExtraStart), options, replay, progress, cancellationToken);
        var diagnostics = fit.Diagnostics.Where(d => !BootstrapCodes.Contains(d.Code)).ToList();
        AddBootstrapDiagnostics(bootstrap, convergence, diagnostics);
        var law = fit.Law;
        double[] values = EstimatesOf(law);
        var estimates = new Estimate[values.Length];
        for (int i = 0; i < values.Length; i++)
            estimates[i] = EstimateOf(ParametricFitResult.EstimateNames[i], values[i], bootstrap);
        return fit with
        {
            E = estimates[0],
            A = estimates[1],
            B = estimates[2],
            Alpha = estimates[3],
            Beta = estimates[4],
            ExponentA = estimates[5],
            ExponentB = estimates[6],
            G = estimates[7],
            Bootstrap = bootstrap,
            BootstrapConvergence = convergence,
            Diagnostics = diagnostics,
            Options = options,
        };
    }

    private static readonly HashSet<string> BootstrapCodes = [DiagnosticCodes.BootstrapFailures.Code, DiagnosticCodes.BootstrapIterationLimit.Code];

    private static ParametricFitResult FitCore(RunSet runs, ParametricFitOptions options, IReadOnlyList<int[]>? replay,
        IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var diagnostics = new List<Diagnostic>();
        var kept = Kept(runs, options, diagnostics, out int dropped);
        var layout = new CoefficientLayout(options.FixedE, options.TieExponents);
        if (replay is not null)
            CheckIndexSets(replay, kept.Runs.Count);

        if (dropped > 0)
            diagnostics.Add(DiagnosticCodes.DroppedHighest.With(
                $"Dropped the {dropped} runs with the highest losses before fitting (asked for {options.DropHighest}; ties at the cut go together)."));
        CheckDesign(kept.Runs, layout, dropped, diagnostics);
        var starts = layout.Starts(options.Grid, options.ExtraStart);
        if (kept.Runs.Count == 0)
            return Unfitted(kept, options, dropped, starts.Length, diagnostics);

        var objective = ParametricObjective.FromRuns(kept.Runs, options.Delta, options.OverestimatePenalty);
        var function = layout.Wrap(objective);

        int finished = 0;
        Action? startFinished = progress is null ? null : () =>
            progress.Report(new FitProgress(Approach.Parametric, FitStage.Starts, Interlocked.Increment(ref finished), starts.Length));
        var outcome = MultiStart.Run(function, starts, options.Optimizer, options.EffectiveThreads, startFinished, cancellationToken);
        var convergence = Summarise(outcome, options, starts.Length);
        AddConvergenceDiagnostics(convergence, options, diagnostics);
        if (outcome.BestIndex < 0)
        {
            diagnostics.Add(DiagnosticCodes.NoFiniteStart.With(
                $"None of the {starts.Length} starts gave a finite objective; nothing was fitted. Check the data for extreme values."));
            return Unfitted(kept, options, dropped, starts.Length, diagnostics) with { Convergence = convergence };
        }

        var full = layout.Expand(outcome.BestPoint);
        var law = LawOf(full);
        if (!(law.Alpha > 0) || !(law.Beta > 0))
            diagnostics.Add(DiagnosticCodes.ExponentNotPositive.With(
                $"The fit gives alpha = {FitReport.Number(law.Alpha)} and beta = {FitReport.Number(law.Beta)}; the loss must fall with N and D for a compute-optimal allocation, so a, b and the frontier are not meaningful."));
        int belowE = kept.Runs.Count(r => r.Loss < law.E);
        if (belowE > 0)
            diagnostics.Add(DiagnosticCodes.LossBelowE.With(
                $"{belowE} of {kept.Runs.Count} runs have a loss below the fitted irreducible loss E = {FitReport.Number(law.E, "0.0000")}: the law cannot reach them, and the Huber loss treats them as outliers. Check them (units, a different evaluation set), or drop them."));

        var none = EstimatesOf(law).Select((v, i) => EstimateOf(ParametricFitResult.EstimateNames[i], v, null)).ToArray();
        var fit = new ParametricFitResult
        {
            Law = law,
            Objective = outcome.Best.Value,
            LogCoefficients = full,
            E = none[0],
            A = none[1],
            B = none[2],
            Alpha = none[3],
            Beta = none[4],
            ExponentA = none[5],
            ExponentB = none[6],
            G = none[7],
            PointCount = kept.Runs.Count,
            DroppedCount = dropped,
            FlopRule = kept.FlopRule,
            Convergence = convergence,
            Diagnostics = diagnostics,
            Options = options,
        };
        return replay is not null || options.Bootstrap.Resamples > 0
            ? WithBootstrap(fit, objective, options, replay, progress, cancellationToken)
            : fit;
    }

    private static ParametricLaw LawOf(ReadOnlySpan<double> full) =>
        new(Math.Exp(full[2]), Math.Exp(full[0]), Math.Exp(full[1]), full[3], full[4]);

    private static double[] EstimatesOf(ParametricLaw law) =>
        [law.E, law.A, law.B, law.Alpha, law.Beta, law.ExponentA, law.ExponentB, law.G];

    private static Estimate EstimateOf(string name, double value, BootstrapResult? bootstrap) =>
        Estimate.FromBootstrap(value, bootstrap, name);

    private static (BootstrapResult, ParametricBootstrapConvergence) RunBootstrap(
        ParametricObjective objective, CoefficientLayout layout, double[] optimum, double[][] starts,
        ParametricFitOptions options, IReadOnlyList<int[]>? replay,
        IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        var optimizer = options.Optimizer;
        var terminations = new int[Enum.GetValues<Termination>().Length];
        long evaluations = 0;
        int refits = 0;
        using var workspaces = new ThreadLocal<LbfgsWorkspace>(() => new LbfgsWorkspace(layout.Dimension, optimizer.Memory));

        double[]? Refit(int[] indices)
        {
            var function = layout.Wrap(objective.Subset(indices));
            var workspace = workspaces.Value!;
            Span<double> x = stackalloc double[layout.Dimension];
            LbfgsSummary summary;
            long used;
            if (options.BootstrapStart == BootstrapStart.Warm)
            {
                optimum.CopyTo(x);
                summary = Lbfgs.MinimizeInPlace(function, x, optimizer, workspace);
                used = summary.Evaluations;
            }
            else
            {
                summary = MultiStart.RunSequential(function, starts, optimizer, workspace, x, out used);
            }
            Interlocked.Increment(ref terminations[(int)summary.Termination]);
            Interlocked.Add(ref evaluations, used);
            Interlocked.Increment(ref refits);
            if (!double.IsFinite(summary.Value))
                return null;
            Span<double> full = stackalloc double[5];
            layout.Expand(x, full);
            return EstimatesOf(LawOf(full));
        }

        int total = replay?.Count ?? options.Bootstrap.Resamples;
        var stageProgress = FitProgress.Counter(progress, Approach.Parametric, FitStage.Bootstrap, total);
        var bootstrapOptions = options.Bootstrap.Threads > 0 ? options.Bootstrap : options.Bootstrap with { Threads = options.Threads };
        var result = replay is null
            ? Core.Bootstrap.Run(bootstrapOptions, objective.Count, ParametricFitResult.EstimateNames, Refit,
                progress: stageProgress, cancellationToken: cancellationToken)
            : Core.Bootstrap.Replay(replay, ParametricFitResult.EstimateNames, Refit, bootstrapOptions.Level,
                bootstrapOptions.Threads, stageProgress, cancellationToken);

        var counts = new Dictionary<Termination, int>();
        foreach (var t in Enum.GetValues<Termination>())
            if (terminations[(int)t] > 0)
                counts[t] = terminations[(int)t];
        int limit = counts.Where(p => p.Key.IsLimitReached()).Sum(p => p.Value);
        return (result, new ParametricBootstrapConvergence(options.BootstrapStart, refits, limit, counts, evaluations));
    }

    private static ParametricConvergence Summarise(MultiStart.Outcome outcome, ParametricFitOptions options, int startCount)
    {
        var counts = new Dictionary<Termination, int>();
        foreach (var t in outcome.Terminations)
            counts[t] = counts.GetValueOrDefault(t) + 1;
        int atBest = outcome.BestIndex < 0
            ? 0
            : outcome.Values.Count(v => double.IsFinite(v) && v - outcome.Best.Value <= options.StartsAtBestTolerance);
        return new ParametricConvergence(
            options.Grid, startCount, outcome.BestIndex, outcome.Best, atBest, options.StartsAtBestTolerance,
            counts.GetValueOrDefault(Termination.NonFiniteValue),
            counts.Where(p => p.Key.IsLimitReached()).Sum(p => p.Value),
            counts, outcome.TotalIterations, outcome.TotalEvaluations);
    }

    private static void AddConvergenceDiagnostics(ParametricConvergence c, ParametricFitOptions options, List<Diagnostic> diagnostics)
    {
        if (c.FailedStarts > 0)
            diagnostics.Add(DiagnosticCodes.FailedStarts.With(
                $"{c.FailedStarts} of {c.Starts} starts gave a non-finite objective at their starting point and were skipped."));
        if (c.LimitStarts > 0)
            diagnostics.Add(DiagnosticCodes.IterationLimit.With(
                $"{c.LimitStarts} of {c.Starts} starts stopped at the limit of {options.Optimizer.MaxIterations} iterations or {options.Optimizer.MaxEvaluations} evaluations before converging."));
        if (c.BestStart >= 0 && c.Best.Termination.IsLimitReached())
            diagnostics.Add(DiagnosticCodes.BestNotConverged.With(
                $"The best start stopped at an iteration or evaluation limit ({c.Best.Termination.Describe()}); raise Optimizer.MaxIterations / MaxEvaluations."));
        if (c.BestStart >= 0 && c.StartsAtBest == 1 && c.Starts > 1)
            diagnostics.Add(DiagnosticCodes.SingleStartAtBest.With(
                $"Only one of {c.Starts} starts reached the best objective; the optimum may depend on the grid."));
    }

    private static void AddBootstrapDiagnostics(BootstrapResult bootstrap, ParametricBootstrapConvergence c, List<Diagnostic> diagnostics)
    {
        if (bootstrap.Failed > 0)
        {
            string reasons = string.Join("; ", bootstrap.FailureReasons.Take(3).Select(p => $"{p.Count} × {p.Reason}"));
            diagnostics.Add(DiagnosticCodes.BootstrapFailures.With(
                $"{bootstrap.Failed} of {bootstrap.Requested} bootstrap refits failed ({reasons}); the intervals use the {bootstrap.Succeeded} that succeeded."));
        }
        if (c.LimitRefits > 0)
            diagnostics.Add(DiagnosticCodes.BootstrapIterationLimit.With(
                $"{c.LimitRefits} of {c.Refits} bootstrap refits stopped at the iteration or evaluation limit; their estimates are kept."));
    }

    private static void CheckDesign(IReadOnlyList<Run> runs, CoefficientLayout layout, int dropped, List<Diagnostic> diagnostics)
    {
        int n = runs.Count, k = layout.Dimension;
        string free = (layout.FixedLnE is null, layout.Tied) switch
        {
            (true, false) => "E, A, B, alpha, beta",
            (true, true) => "E, A, B, alpha = beta",
            (false, false) => "A, B, alpha, beta",
            _ => "A, B, alpha = beta",
        };
        if (n == 0)
        {
            diagnostics.Add(DiagnosticCodes.NoRuns.With(dropped > 0
                ? $"No runs are left after dropping the {dropped} with the highest losses; lower DropHighest."
                : "There are no runs to fit."));
            return;
        }
        if (n <= k)
            diagnostics.Add(DiagnosticCodes.TooFewRuns.With(
                $"{n} runs cannot determine {k} coefficients ({free}): the fit can pass through every point, so the coefficients and exponents are arbitrary. Add runs, fix E or tie the exponents."));
        else if (n < 10)
            diagnostics.Add(DiagnosticCodes.SmallSweep.With(
                $"Only {n} runs for {k} coefficients ({free}); expect poorly determined exponents and wide intervals (the paper fitted over 400 runs)."));

        int sizes = runs.Select(r => r.ParameterCount).Distinct().Count();
        int tokens = runs.Select(r => r.TokenCount).Distinct().Count();
        // With E free, a term X/V^γ seen at two values of V leaves (X, γ, E) one equation short; at one value it is a constant.
        int needed = layout.FixedLnE is null ? 3 : 2;
        var severity = layout.Tied ? Severity.Warning : Severity.Error;
        if (sizes < needed)
            diagnostics.Add(DiagnosticCodes.FewSizes.With(severity,
                $"The runs have {sizes} distinct model size{(sizes == 1 ? "" : "s")}; with {(layout.FixedLnE is null ? "E fitted" : "E fixed")} alpha and A need at least {needed}, so alpha, a and b are not determined by the data. Add runs of other sizes{(layout.FixedLnE is null ? " or fix E" : "")}."));
        if (tokens < needed)
            diagnostics.Add(DiagnosticCodes.FewTokenCounts.With(severity,
                $"The runs have {tokens} distinct token count{(tokens == 1 ? "" : "s")}; with {(layout.FixedLnE is null ? "E fitted" : "E fixed")} beta and B need at least {needed}, so beta, a and b are not determined by the data. Add runs with other token counts{(layout.FixedLnE is null ? " or fix E" : "")}."));
    }

    /// <summary>The runs fitted: invalid values rejected or skipped (<see cref="ParametricFitOptions.InvalidValues"/>), then the highest losses dropped.</summary>
    private static RunSet Kept(RunSet runs, ParametricFitOptions options, List<Diagnostic>? diagnostics, out int dropped)
    {
        var valid = InvalidValues.Runs(runs.Runs, options.InvalidValues, diagnostics);
        var kept = (valid.Length == runs.Runs.Count ? runs : runs with { Runs = valid }).DropHighestLoss(options.DropHighest);
        dropped = valid.Length - kept.Runs.Count;
        return kept;
    }

    private static void CheckIndexSets(IReadOnlyList<int[]> sets, int count)
    {
        for (int s = 0; s < sets.Count; s++)
        {
            var set = sets[s] ?? throw new ArgumentException($"Index set {s} is null.", nameof(sets));
            if (set.Length == 0)
                throw new ArgumentException($"Index set {s} is empty.", nameof(sets));
            foreach (var i in set)
                if (i < 0 || i >= count)
                    throw new ArgumentException($"Index set {s} holds {i}, outside the {count} runs kept (0 … {count - 1}) after dropping the highest losses.", nameof(sets));
        }
    }

    private static ParametricFitResult Unfitted(RunSet kept, ParametricFitOptions options, int dropped, int startCount, List<Diagnostic> diagnostics)
    {
        var nan = new ParametricLaw(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var none = Estimate.Point(double.NaN, "nothing was fitted (see Diagnostics)");
        return new ParametricFitResult
        {
            Law = nan,
            Objective = double.NaN,
            LogCoefficients = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN],
            E = none,
            A = none,
            B = none,
            Alpha = none,
            Beta = none,
            ExponentA = none,
            ExponentB = none,
            G = none,
            PointCount = kept.Runs.Count,
            DroppedCount = dropped,
            FlopRule = kept.FlopRule,
            Convergence = new ParametricConvergence(options.Grid, 0, -1, new LbfgsSummary(double.NaN, double.NaN, 0, 0, Termination.NonFiniteValue),
                0, options.StartsAtBestTolerance, 0, 0, new Dictionary<Termination, int>(), 0, 0),
            Diagnostics = diagnostics,
            Options = options,
        };
    }
}
