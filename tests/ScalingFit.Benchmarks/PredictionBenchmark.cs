using System.Diagnostics;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Benchmarks;

/// <summary>
/// Predict, backtest and compare, measured:
/// <list type="bullet">
/// <item><c>predict-coverage [--sweeps 200] [--resamples 400] [--noise 0.005] [--case all|isoflop,isoflop-runs,...]
/// [--pin-e E] [--per-budget 9] [--threads 2]</c>: seeded IsoFLOP sweeps from the paper's law on its nine budgets, each
/// fitted (IsoFLOP with each band scheme: runs, pooled modified residuals, noise bootstrap; parametric, coarse grid) on the eight budgets up to
/// 1e21 and predicted at the held-out 3e21; and seeded curve sweeps (eight sizes 4.4e7 … 3e9, five horizons each) cut at
/// 1e20 FLOPs, the envelope predicting 3e20. How often the interval of the mean covers the true L*, how often the
/// prediction interval covers the held-out observation (the held-out budget's parabola minimum; the full sweep's
/// envelope at the target), the bias, and the spread of L̂ over sweeps against the resamples' mean spread.</item>
/// <item><c>vertex-variance</c>: one budget's vertex variance under each resampling scheme against Monte Carlo.</item>
/// <item><c>compare-recovery [--pairs 100] [--resamples 400]</c>: base and variant sweeps, the variant the base law with
/// compute scaled by k (D → kD) for k = 1, 1.5, 3: how often the interval of k(C) covers k at 1e19, 1e20, 1e21.</item>
/// <item><c>predict-speed</c>: backtest with three cutoffs (--holdout 1,2,3) on the sample sweeps, every approach, and
/// compare of the IsoFLOP sample with a simulated 3× variant, both with 1,000 resamples; wall-clock seconds.</item>
/// </list>
/// </summary>
public static class PredictionBenchmark
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    /// <summary>The cases of <c>predict-coverage</c>: the three approaches, and the IsoFLOP band's three resampling schemes.</summary>
    private static readonly string[] CoverageCases = ["isoflop", "isoflop-residuals", "isoflop-noise", "parametric", "envelope"];

    /// <summary>One sweep's outcome: the prediction, the truth, the held-out observation and the resamples' spread.</summary>
    // Design: for the envelope, the noise-free envelope of the same design at the target (what the approach can reach); else NaN.
    // Basic and Bc: the basic (reverse-percentile) and bias-corrected percentile intervals of the same resamples (Davison &
    // Hinkley 1997 eq. 5.6; Efron 1981), for comparison with the percentile interval the library gives.
    private sealed record CoverageTrial(double Estimate, Interval Mean, Interval Prediction, double Truth, double Observed, double ResampleSd, double Design, Interval Basic, Interval Bc);

    public static int Coverage(string[] args)
    {
        int sweeps = IntArg(args, "--sweeps", 200), resamples = IntArg(args, "--resamples", 400), threads = IntArg(args, "--threads", 2);
        int perBudget = IntArg(args, "--per-budget", 9);
        double noise = DoubleArg(args, "--noise", 0.005);
        string only = StringArg(args, "--case", "all");
        double? pinE = args.Contains("--pin-e") ? DoubleArg(args, "--pin-e", double.NaN) : null;
        var cases = only == "all" ? CoverageCases : only.Split(',');
        var law = ParametricLaw.Paper;
        var total = Stopwatch.StartNew();
        foreach (var name in cases)
        {
            var watch = Stopwatch.StartNew();
            var trials = new CoverageTrial?[sweeps];
            Parallel.For(0, sweeps, new ParallelOptions { MaxDegreeOfParallelism = threads },
                seed => trials[seed] = CoverageTrialOf(name, law, seed, noise, resamples, pinE, perBudget));
            var done = trials.Where(t => t is not null).Select(t => t!).ToArray();
            int n = done.Length;
            if (n == 0)
            {
                Console.WriteLine($"{name}: every sweep failed");
                continue;
            }
            int ci = done.Count(t => t.Mean.Contains(t.Truth)), pi = done.Count(t => t.Prediction.Contains(t.Observed));
            var rel = done.Select(t => (t.Estimate - t.Truth) / t.Truth).ToArray();
            double mcSd = StandardDeviation(done.Select(t => t.Estimate));
            double bootSd = done.Average(t => t.ResampleSd), bootRms = Math.Sqrt(done.Average(t => t.ResampleSd * t.ResampleSd));
            double bias = done.Average(t => t.Estimate - t.Truth);
            int high = done.Count(t => t.Mean.Low > t.Truth), low = done.Count(t => t.Mean.High < t.Truth);
            string designNote = double.IsNaN(done[0].Design) ? "" : string.Create(Ic,
                $"; the noise-free envelope of the same design at the target is {done.Average(t => t.Design):F4} on average ({100 * done.Average(t => (t.Design - t.Truth) / t.Truth):+0.00;-0.00}% above L*), inside the CI in {done.Count(t => t.Mean.Contains(t.Design))}/{n}");
            Console.WriteLine(string.Create(Ic,
                $"{name,-13} {n}/{sweeps} sweeps (noise {noise}, {resamples} resamples{(pinE is null ? "" : $", E pinned at {pinE}")}), L* at {done[0].Truth:F4} (truth, held-out budget {CoverageTarget(name):0e+0}): "
                + $"95% CI of the mean covers the truth {ci}/{n} = {100.0 * ci / n:F1}% (binomial sd {100 * Math.Sqrt(0.95 * 0.05 / n):F1} pts), mean width {done.Average(t => t.Mean.Width):F4}, misses {high} above / {low} below the truth "
                + $"(basic interval {done.Count(t => t.Basic.Contains(t.Truth))}/{n}, bias-corrected percentile {done.Count(t => t.Bc.Contains(t.Truth))}/{n}); "
                + $"PI covers the held-out observation {pi}/{n} = {100.0 * pi / n:F1}%, mean width {done.Average(t => t.Prediction.Width):F4}; "
                + $"mean |rel. error| {100 * rel.Average(Math.Abs):F2}%, bias {bias:+0.00000;-0.00000} ({bias / mcSd:+0.00;-0.00} sd); "
                + $"sd of L̂ over sweeps {mcSd:F5}, mean resample sd {bootSd:F5} (ratio {bootSd / mcSd:F2}; rms {bootRms / mcSd:F2}){designNote}; {watch.Elapsed.TotalSeconds:F1} s"));
        }
        Console.WriteLine(string.Create(Ic, $"elapsed {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>The held-out budget: 3e21 for IsoFLOP sweeps (fitted up to 1e21), 3e20 for curve sweeps (cut at 1e20).</summary>
    private static double CoverageTarget(string name) => name == "envelope" ? 3e20 : 3e21;

    private static CoverageTrial? CoverageTrialOf(string name, ParametricLaw law, int seed, double noise, int resamples, double? pinE, int perBudget)
    {
        var options = LossFrontierOptions.Default with { PinnedE = pinE, Bootstrap = new BootstrapOptions(resamples, Seed: seed, Threads: 1) };
        double target = CoverageTarget(name);
        double truth = law.ForBudget(target).Loss;
        LossFrontier frontier;
        double observed, design = double.NaN;
        if (name == "envelope")
        {
            // Eight sizes 4.4e7 … 3e9 (the sample's design), five horizons each; every checkpoint above 1e20 FLOPs cut.
            const double cutoff = 1e20;
            var sizes = SweepSimulator.LogSpace(4.4e7, 3e9, 8);
            var sweep = SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: noise, Seed: seed), sizes);
            double k = (sweep.FlopRule ?? FlopRule.Default).Factor;
            var train = sweep with { Curves = sweep.Curves.Select(c => c with { Points = c.Points.Where(p => k * c.ParameterCount * p.TokenCount <= cutoff).ToArray() }).Where(c => c.Points.Count >= 2).ToArray() };
            var single = EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None, Threads = 1 };
            var full = EnvelopeFitter.Fit(sweep, single);
            var fit = EnvelopeFitter.Fit(train, single);
            if (!full.Succeeded || !fit.Succeeded)
                return null;
            // The held-out observation: the full sweep's envelope at the point nearest the target in log C.
            observed = full.Frontier.MinBy(p => Math.Abs(Math.Log(p.Flops / target)))!.Loss;
            var clean = EnvelopeFitter.Fit(SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: 0, Seed: seed), sizes), single);
            design = clean.Frontier.MinBy(p => Math.Abs(Math.Log(p.Flops / target)))!.Loss;
            frontier = LossFrontierFitter.Fit(fit, train, options);
        }
        else
        {
            var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: noise, Seed: seed), null, perBudget);
            var train = new RunSet(sweep.Runs.Where(r => r.FlopBudget < 2e21).ToArray());
            var held = sweep.Runs.Where(r => r.FlopBudget > 2e21).ToArray();
            var minimum = IsoFlopValley.Find(ValleyMethod.Parabola, held.Select(r => r.LnParameterCount).ToArray(), held.Select(r => r.Loss).ToArray());
            if (!minimum.Found)
                return null;
            observed = minimum.Loss;
            IAllocationFit fit = name == "parametric"
                ? ParametricFitter.Fit(train, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Threads = 1 })
                : IsoFlopFitter.Fit(train, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
            options = name switch
            {
                "isoflop-residuals" => options with { Resampling = BudgetResampling.Residuals },
                "isoflop-noise" => options with { EstimateNoise = true },
                _ => options,
            };
            frontier = LossFrontierFitter.Fit(fit, train, options);
        }
        if (!frontier.Succeeded)
            return null;
        var p = frontier.Predict(target);
        if (p.Loss.Interval is not { } mean || p.PredictionInterval is not { } prediction)
            return null;
        var values = frontier.Resamples.Select(r => r.Loss(target)).Where(double.IsFinite).Order().ToArray();
        double sd = StandardDeviation(values);
        double q(double f) => Percentile.OfSorted(values, f);
        var basic = new Interval(2 * p.Loss.Value - q(0.975), 2 * p.Loss.Value - q(0.025), 0.95);
        double below = (values.Count(v => v < p.Loss.Value) + 0.5 * values.Count(v => v == p.Loss.Value)) / values.Length;
        double z0 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Clamp(below, 0.5 / values.Length, 1 - 0.5 / values.Length));
        double zc = 1.959963984540054;
        var bc = new Interval(q(MathNet.Numerics.Distributions.Normal.CDF(0, 1, 2 * z0 - zc)), q(MathNet.Numerics.Distributions.Normal.CDF(0, 1, 2 * z0 + zc)), 0.95);
        return new CoverageTrial(p.Loss.Value, mean, prediction, truth, observed, sd, design, basic, bc);
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1));
    }

    /// <summary>
    /// <c>vertex-variance [--datasets 1000] [--resamples 300] [--draws 20000]</c>: one nine-run IsoFLOP profile (a parabola
    /// in ln N, Gaussian noise σ = 0.01): the Monte-Carlo variance of its fitted vertex loss over 20,000 noise draws, against the mean bootstrap
    /// variance of resampling runs, of modified residuals and of the noise bootstrap (σ known).
    /// </summary>
    public static int VertexVariance(string[] args)
    {
        int datasets = IntArg(args, "--datasets", 1000), resamples = IntArg(args, "--resamples", 300), draws = IntArg(args, "--draws", 20000);
        const double sigma = 0.01;
        var x = Enumerable.Range(0, 9).Select(j => Math.Log(1e9) + Math.Log(10) * 0.8 * (-1 + 2.0 * j / 8)).ToArray();
        double Valley(double v) => 2.3 + 0.02 * Math.Pow(v - Math.Log(1e9), 2);
        var rng = new SeededRandom(1);
        double[] Noisy() => x.Select(v => Valley(v) + sigma * rng.NextGaussian()).ToArray();
        var truth = new List<double>();
        for (int d = 0; d < draws; d++)
            if (IsoFlopValley.Find(ValleyMethod.Parabola, x, Noisy()) is { Found: true } m)
                truth.Add(m.Loss);
        double mc = StandardDeviation(truth);
        double runs = 0, residuals = 0, noise = 0;
        for (int d = 0; d < datasets; d++)
        {
            var y = Noisy();
            var profile = ValleyResiduals.Fit(x, y)!;
            var r = new List<double>();
            var e = new List<double>();
            var z = new List<double>();
            for (int k = 0; k < resamples; k++)
            {
                var s = SeededRandom.ForStream(d, k);
                var idx = Enumerable.Range(0, x.Length).Select(_ => s.NextInt(x.Length)).ToArray();
                if (IsoFlopValley.Find(ValleyMethod.Parabola, idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray()) is { Found: true } a)
                    r.Add(a.Loss);
                if (IsoFlopValley.Find(ValleyMethod.Parabola, x, profile.Resample(s)) is { Found: true } b)
                    e.Add(b.Loss);
                if (IsoFlopValley.Find(ValleyMethod.Parabola, x, y.Select(v => v + sigma * s.NextGaussian()).ToArray()) is { Found: true } c)
                    z.Add(c.Loss);
            }
            runs += Math.Pow(StandardDeviation(r), 2) / datasets;
            residuals += Math.Pow(StandardDeviation(e), 2) / datasets;
            noise += Math.Pow(StandardDeviation(z), 2) / datasets;
        }
        Console.WriteLine(string.Create(Ic, $"one nine-run profile, σ = {sigma}: Monte-Carlo variance of the vertex loss {mc * mc:E3} ({draws} draws); "
            + $"mean bootstrap variance / Monte-Carlo ({datasets} data sets × {resamples} resamples): runs {runs / (mc * mc):F3}, modified residuals {residuals / (mc * mc):F3}, noise (σ known) {noise / (mc * mc):F3}"));
        return 0;
    }

    public static int Recovery(string[] args)
    {
        int pairs = IntArg(args, "--pairs", 100), resamples = IntArg(args, "--resamples", 400);
        var law = ParametricLaw.Paper;
        double[] budgets = [1e19, 1e20, 1e21];
        foreach (var approach in new[] { "isoflop", "parametric" })
            foreach (var k in new[] { 1.0, 1.5, 3.0 })
            {
                var variantLaw = law with { B = law.B * Math.Pow(k, -law.Beta) };
                var covered = new int[budgets.Length];
                var mean = new double[budgets.Length];
                int n = 0;
                for (int seed = 0; seed < pairs; seed++)
                {
                    var b = Frontier(approach, SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: 0.005, Seed: 2 * seed)), 2 * seed, resamples);
                    var v = Frontier(approach, SweepSimulator.IsoFlop(new SimulationOptions(variantLaw, NoiseSigma: 0.005, Seed: 2 * seed + 1)), 2 * seed + 1, resamples);
                    if (!b.Succeeded || !v.Succeeded)
                        continue;
                    var c = FrontierComparer.Compare(b, v, budgets);
                    n++;
                    for (int i = 0; i < budgets.Length; i++)
                    {
                        mean[i] += c.Points[i].Multiplier.Value;
                        if (c.Points[i].Multiplier.Interval is { } interval && interval.Contains(k))
                            covered[i]++;
                    }
                }
                Console.WriteLine(string.Create(Ic, $"{approach,-10} k = {k}: {n} pairs; ")
                    + string.Join("; ", budgets.Select((c, i) => string.Create(Ic, $"C = {c:0e+0}: mean k̂ {mean[i] / n:F3}, 95% interval covers k in {covered[i]}/{n}"))));
            }
        return 0;
    }

    private static LossFrontier Frontier(string approach, RunSet sweep, long seed, int resamples)
    {
        IAllocationFit fit = approach == "isoflop"
            ? IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None })
            : ParametricFitter.Fit(sweep, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Threads = 1 });
        return LossFrontierFitter.Fit(fit, sweep, LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(resamples, Seed: seed, Threads: 1) });
    }

    public static int Speed(string[] args)
    {
        string root = RepositoryRoot();
        var iso = RunImporter.Import(Path.Combine(root, "data", "samples", "sample-isoflop.csv")).RunSet;
        var curves = RunImporter.Import(Path.Combine(root, "data", "samples", "sample-curves.csv")).RunSet;
        var samples = iso with { Curves = curves.Curves };
        Console.WriteLine($"load average before: {LoadAverage()}");

        var watch = Stopwatch.StartNew();
        var cutoffs = Backtester.CutoffsForHeldOutBudgets(samples, [1, 2, 3]);
        var times = new List<string>();
        foreach (var approach in Approaches.All)
        {
            var one = Stopwatch.StartNew();
            var result = Backtester.Run(samples, approach, cutoffs);
            times.Add(string.Create(Ic, $"{approach.Name()} {one.Elapsed.TotalSeconds:F2} s ({result.Cutoffs.Sum(c => c.Targets.Count)} targets)"));
        }
        Console.WriteLine(string.Create(Ic, $"backtest, 3 cutoffs, 1,000 frontier resamples, every approach: {watch.Elapsed.TotalSeconds:F2} s ({string.Join(", ", times)})"));

        var variant = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper with { B = ParametricLaw.Paper.B * Math.Pow(3, -ParametricLaw.Paper.Beta) }, NoiseSigma: 0.005, Seed: 7));
        foreach (var approach in new[] { "isoflop", "parametric" })
        {
            watch.Restart();
            var options = LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(1000) };
            IAllocationFit FitOne(RunSet s) => approach == "isoflop"
                ? IsoFlopFitter.Fit(s, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None })
                : ParametricFitter.Fit(s, ParametricFitOptions.Default);
            var b = LossFrontierFitter.Fit(FitOne(iso), iso, options);
            var v = LossFrontierFitter.Fit(FitOne(variant), variant, options with { Bootstrap = FrontierComparer.VariantBootstrap(options.EffectiveBootstrap) });
            var c = FrontierComparer.Compare(b, v, [1e19, 1e20, 1e21]);
            Console.WriteLine(string.Create(Ic, $"compare ({approach}, 1,000 resamples of both sweeps, fits included): {watch.Elapsed.TotalSeconds:F2} s; k(1e21) = {c.Points[2].Multiplier.Value:F3}"));
        }

        // compare --group-by: the sample as base, two variants (3× and 1.5× compute), both approaches, 1,000 resamples each.
        var variant15 = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper with { B = ParametricLaw.Paper.B * Math.Pow(1.5, -ParametricLaw.Paper.Beta) }, NoiseSigma: 0.005, Seed: 8));
        watch.Restart();
        var grouped = GroupComparer.Compare([new SweepGroup("base", iso), new SweepGroup("3x", variant), new SweepGroup("1.5x", variant15)], "base",
            new GroupComparisonOptions(new FitAllOptions([Approach.IsoFlop, Approach.Parametric]), LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(1000) }, [1e19, 1e20, 1e21]));
        var ks = grouped.Comparisons.Select(c => string.Create(Ic, $"{c.Variant} {c.Comparison.Approach.Name()} k(1e20) = {c.Comparison.Points[1].Multiplier.Value:F3}"));
        Console.WriteLine(string.Create(Ic, $"compare --group-by (3 groups, isoflop + parametric, 1,000 resamples of every sweep, fits included): {watch.Elapsed.TotalSeconds:F2} s; {string.Join(", ", ks)}"));
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (ScalingFit.sln not found above the binary).");
    }

    private static string StringArg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], Ic) : fallback;
    }

    private static double DoubleArg(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], Ic) : fallback;
    }
}
