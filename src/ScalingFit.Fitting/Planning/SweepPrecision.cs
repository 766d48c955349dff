using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using Stats = MathNet.Numerics.Statistics.Statistics;

namespace ScalingFit.Fitting;

/// <summary>
/// One simulated sweep of a precision estimate: the estimates of a and b (with intervals) from each approach run;
/// null where the approach was not run, NaN value or no interval where its fit failed.
/// </summary>
/// <param name="Index">The trial number i (it drew from random stream i of the seed).</param>
/// <param name="IsoFlopA">Approach 2's a.</param>
/// <param name="IsoFlopB">Approach 2's b.</param>
/// <param name="ParametricA">Approach 3's a.</param>
/// <param name="ParametricB">Approach 3's b.</param>
public sealed record PlanTrial(int Index, Estimate? IsoFlopA, Estimate? IsoFlopB, Estimate? ParametricA, Estimate? ParametricB);

/// <summary>
/// The precision a planned IsoFLOP sweep buys, by Monte Carlo: trial i simulates the plan's runs from a true law with
/// multiplicative loss noise, L = L̂(N, D)·exp(σ·z), drawing from random stream i of the seed; fits it with Approach 2
/// (<see cref="IsoFlopFitter"/>, runs grouped by their planned budget) and Approach 3 (<see cref="ParametricFitter"/>);
/// and keeps a and b with their bootstrap intervals. Over the trials: bias = mean − truth, the standard deviation, the
/// median interval width and the coverage (the fraction of intervals holding the truth). Results do not depend on the
/// thread count.
/// </summary>
public static class SweepPrecision
{
    /// <summary>The precision of <paramref name="plan"/>: the centred case (the prior is the truth) and, when
    /// <see cref="SweepPrecisionOptions.Sensitivity"/>, truths whose N_opt is 2×, ½× and drifting to 2× the prior's
    /// (<see cref="SweepPlanner.ShiftOptimum"/>, <see cref="SweepPlanner.DriftOptimum"/>), on the same grid and seeds.</summary>
    /// <param name="plan">The grid (at least two budgets).</param>
    /// <param name="options">Trials, noise, seed, resamples (default <see cref="SweepPrecisionOptions.Default"/>).</param>
    /// <param name="progress">Receives the number of trials finished, over all scenarios.</param>
    /// <param name="cancellationToken">Stops between trials; throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="PlanningException">The plan has fewer than two budgets, or an option is out of range.</exception>
    public static SweepPrecisionResult Estimate(SweepPlan plan, SweepPrecisionOptions? options = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= SweepPrecisionOptions.Default;
        var truths = Scenarios(plan, options.Sensitivity);
        int done = 0;
        Action? finished = progress is null ? null : () => progress.Report(Interlocked.Increment(ref done));
        var diagnostics = new List<Diagnostic>();
        var results = new List<PrecisionScenario>();
        foreach (var (name, description, truth) in truths)
        {
            var trials = Trials(plan, truth, options, finished, cancellationToken);
            var scenario = Summarise(name, description, truth, trials, options);
            results.Add(scenario);
            Check(scenario, options, diagnostics);
        }
        return new SweepPrecisionResult(plan, options, results[0], results.Skip(1).ToArray(), diagnostics);
    }

    /// <summary>
    /// The per-trial estimates for one true law on <paramref name="plan"/>'s grid: trial i simulates with noise seed and
    /// bootstrap seed drawn from <see cref="SeededRandom.ForStream"/>(Seed, i) and lands in slot i.
    /// </summary>
    /// <param name="plan">The grid (at least two budgets).</param>
    /// <param name="truth">The law to simulate from.</param>
    /// <param name="options">Trials, noise, seed, resamples, approaches, threads.</param>
    /// <param name="trialFinished">Called after each trial, from any thread.</param>
    /// <param name="cancellationToken">Stops between trials.</param>
    public static PlanTrial[] Trials(SweepPlan plan, ParametricLaw truth, SweepPrecisionOptions options,
        Action? trialFinished = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (plan.Budgets.Count < 2)
            throw new PlanningException($"The plan has {plan.Budgets.Count} budget; N_opt ∝ C^a needs at least two budgets, so there is no precision to estimate. Give more Budgets.");
        var design = plan.Runs;
        var results = new PlanTrial[options.Trials];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveThreads, CancellationToken = cancellationToken };
        Parallel.For(0, options.Trials, parallel, i =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Trial(i, plan, design, truth, options);
            trialFinished?.Invoke();
        });
        return results;
    }

    private static PlanTrial Trial(int i, SweepPlan plan, IReadOnlyList<Core.Run> design, ParametricLaw truth, SweepPrecisionOptions options)
    {
        var rng = SeededRandom.ForStream(options.Seed, i);
        long noiseSeed = unchecked((long)rng.NextUInt64());
        long bootstrapSeed = unchecked((long)rng.NextUInt64());
        var runs = SweepSimulator.FromDesign(new SimulationOptions(truth, options.NoiseSigma, noiseSeed, FlopRule: plan.Options.Rule), design);
        var bootstrap = new BootstrapOptions(options.BootstrapResamples, Level: options.Level, Seed: bootstrapSeed, Threads: 1);
        Estimate? isoA = null, isoB = null, parA = null, parB = null;
        if (options.Approaches.HasFlag(PlanApproaches.IsoFlop))
            (isoA, isoB) = Exponents(IsoFlopFitter.Fit(runs, new IsoFlopFitOptions(Bootstrap: bootstrap)));
        if (options.Approaches.HasFlag(PlanApproaches.Parametric))
        {
            (parA, parB) = Exponents(ParametricFitter.Fit(runs, ParametricFitOptions.Default with
            {
                Grid = options.ParametricGrid,
                ExtraStart = plan.Prior,
                Threads = 1,
                Bootstrap = bootstrap,
                BootstrapStart = BootstrapStart.Warm,
            }));
        }
        return new PlanTrial(i, isoA, isoB, parA, parB);
    }

    /// <summary>a and b of a fit that succeeded; NaN without an interval otherwise (counted as failed).</summary>
    private static (Estimate, Estimate) Exponents(IAllocationFit fit) => fit.Succeeded
        ? (fit.ExponentA, fit.ExponentB)
        : (Core.Estimate.Point(double.NaN, "fit failed"), Core.Estimate.Point(double.NaN, "fit failed"));

    private static List<(string Name, string Description, ParametricLaw Truth)> Scenarios(SweepPlan plan, bool sensitivity)
    {
        var list = new List<(string, string, ParametricLaw)> { ("centred", "the prior law is the truth", plan.Prior) };
        if (!sensitivity || plan.Budgets.Count < 2)
            return list;
        list.Add(("N_opt 2×", "the true N_opt is twice the prior's at every budget", SweepPlanner.ShiftOptimum(plan.Prior, 2)));
        list.Add(("N_opt ½×", "the true N_opt is half the prior's at every budget", SweepPlanner.ShiftOptimum(plan.Prior, 0.5)));
        double low = plan.Budgets[0].Flops, high = plan.Budgets[^1].Flops;
        try
        {
            list.Add(("N_opt drifts to 2×", "the true N_opt equals the prior's at the smallest budget and is twice it at the largest",
                SweepPlanner.DriftOptimum(plan.Prior, 2, low, high, plan.Options.Rule)));
        }
        catch (ArgumentOutOfRangeException)
        {
            // Budgets too close for a drifting offset with a in (0, 1): the constant offsets still tell the story.
        }
        return list;
    }

    /// <summary>Bias, standard deviation, median width and coverage of each approach's a and b over <paramref name="trials"/>.</summary>
    public static PrecisionScenario Summarise(string name, string description, ParametricLaw truth, IReadOnlyList<PlanTrial> trials, SweepPrecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(truth);
        var rows = new List<ExponentPrecision>();
        void Add(string approach, string exponent, double trueValue, Func<PlanTrial, Estimate?> pick)
        {
            var estimates = trials.Select(pick).ToArray();
            if (estimates.All(e => e is null))
                return;
            var ok = estimates.Where(e => e is { Interval: not null } && double.IsFinite(e.Value)).Select(e => e!).ToArray();
            int failed = estimates.Length - ok.Length;
            if (ok.Length == 0)
            {
                rows.Add(new ExponentPrecision(approach, exponent, trueValue, 0, failed, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));
                return;
            }
            var values = ok.Select(e => e.Value).ToArray();
            double mean = Stats.Mean(values);
            double sd = values.Length > 1 ? Stats.StandardDeviation(values) : double.NaN;
            double width = Stats.Median(ok.Select(e => e.Interval!.Value.Width));
            double coverage = (double)ok.Count(e => e.Interval!.Value.Contains(trueValue)) / ok.Length;
            rows.Add(new ExponentPrecision(approach, exponent, trueValue, ok.Length, failed, mean, mean - trueValue, sd, width, coverage));
        }
        Add("isoflop", "a", truth.ExponentA, t => t.IsoFlopA);
        Add("isoflop", "b", truth.ExponentB, t => t.IsoFlopB);
        Add("parametric", "a", truth.ExponentA, t => t.ParametricA);
        Add("parametric", "b", truth.ExponentB, t => t.ParametricB);
        return new PrecisionScenario(name, description, truth, rows);
    }

    private static void Check(PrecisionScenario scenario, SweepPrecisionOptions options, List<Diagnostic> diagnostics)
    {
        foreach (var row in scenario.Rows.Where(r => r.Exponent == "a"))
        {
            string where = $"{row.Approach}, {scenario.Name}";
            int n = row.Fitted + row.Failed;
            if (row.Failed > 0)
            {
                diagnostics.Add(DiagnosticCodes.PlanTrialsFailed.With(Invariant(
                    $"{where}: {row.Failed} of {n} simulated sweeps could not be fitted with an interval and were left out; the grid may miss the valley at some budgets. Widen the span or recentre the grid.")));
            }
            if (row.Fitted == 0)
                continue;
            // Three binomial standard errors below the nominal level: more than Monte-Carlo noise.
            double floor = options.Level - 3 * Math.Sqrt(options.Level * (1 - options.Level) / row.Fitted);
            if (row.Coverage < floor)
            {
                diagnostics.Add(DiagnosticCodes.PlanUndercoverage.With(Invariant(
                    $"{where}: only {100 * row.Coverage:0.#}% of the {100 * options.Level:0.#}% intervals for a contain the true a = {row.Truth:0.####} (bias {row.Bias:+0.0000;-0.0000}, sd {row.StandardDeviation:0.0000}); on such a sweep the reported interval would be too confident.")));
            }
            if (row.StandardDeviation > 0 && Math.Abs(row.Bias) > 0.5 * row.StandardDeviation && Math.Abs(row.Bias) > 0.005)
            {
                diagnostics.Add(DiagnosticCodes.PlanBias.With(Invariant(
                    $"{where}: a is biased by {row.Bias:+0.0000;-0.0000}, more than half its standard deviation {row.StandardDeviation:0.0000}.")));
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
