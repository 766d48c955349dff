using System.Diagnostics;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Benchmarks;

/// <summary>
/// Predict, backtest and compare, measured:
/// <list type="bullet">
/// <item><c>predict-coverage [--sweeps 200] [--resamples 400] [--noise 0.005]</c>: seeded IsoFLOP sweeps from the paper's
/// law on its nine budgets; each fitted (IsoFLOP and parametric, coarse grid) on the eight budgets up to 1e21 and
/// predicted at the held-out 3e21: how often the interval of the mean covers the true L*(3e21), and how often the
/// prediction interval covers the held-out budget's observed minimum (its own parabola's vertex loss).</item>
/// <item><c>compare-recovery [--pairs 100] [--resamples 400]</c>: base and variant sweeps, the variant the base law with
/// compute scaled by k (D → kD) for k = 1, 1.5, 3: how often the interval of k(C) covers k at 1e19, 1e20, 1e21.</item>
/// <item><c>predict-speed</c>: backtest with three cutoffs (--holdout 1,2,3) on the sample sweeps, every approach, and
/// compare of the IsoFLOP sample with a simulated 3× variant, both with 1,000 resamples; wall-clock seconds.</item>
/// </list>
/// </summary>
public static class PredictionBenchmark
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    public static int Coverage(string[] args)
    {
        int sweeps = IntArg(args, "--sweeps", 200), resamples = IntArg(args, "--resamples", 400);
        double noise = DoubleArg(args, "--noise", 0.005);
        var law = ParametricLaw.Paper;
        const double heldOut = 3e21;
        double truth = law.ForBudget(heldOut).Loss;
        var watch = Stopwatch.StartNew();
        foreach (var approach in new[] { "isoflop", "parametric" })
        {
            int ciCovered = 0, piCovered = 0, n = 0;
            double ciWidth = 0, piWidth = 0, error = 0;
            for (int seed = 0; seed < sweeps; seed++)
            {
                var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: noise, Seed: seed));
                var train = new RunSet(sweep.Runs.Where(r => r.FlopBudget < 2e21).ToArray());
                var held = sweep.Runs.Where(r => r.FlopBudget > 2e21).ToArray();
                var observed = IsoFlopValley.Find(ValleyMethod.Parabola, held.Select(r => r.LnParameterCount).ToArray(), held.Select(r => r.Loss).ToArray());
                IAllocationFit fit = approach == "isoflop"
                    ? IsoFlopFitter.Fit(train, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None })
                    : ParametricFitter.Fit(train, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Threads = 1 });
                var frontier = LossFrontierFitter.Fit(fit, train, LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(resamples, Seed: seed, Threads: 1) });
                if (!frontier.Succeeded || !observed.Found)
                    continue;
                var p = frontier.Predict(heldOut);
                n++;
                error += Math.Abs(p.Loss.Value - truth) / truth;
                if (p.Loss.Interval!.Value.Contains(truth))
                    ciCovered++;
                if (p.PredictionInterval!.Value.Contains(observed.Loss))
                    piCovered++;
                ciWidth += p.Loss.Interval!.Value.Width;
                piWidth += p.PredictionInterval!.Value.Width;
            }
            Console.WriteLine(string.Create(Ic,
                $"{approach,-10} {n} sweeps (noise {noise}, {resamples} resamples), predicting L* at the held-out 3e21 (3× past the data; truth {truth:F4}): "
                + $"95% interval of the mean covers the truth in {ciCovered}/{n} = {100.0 * ciCovered / n:F1}% (binomial sd {100 * Math.Sqrt(0.95 * 0.05 / n):F1} pts), mean width {ciWidth / n:F4}; "
                + $"prediction interval covers the held-out budget's observed minimum in {piCovered}/{n} = {100.0 * piCovered / n:F1}%, mean width {piWidth / n:F4}; mean |rel. error| {100 * error / n:F2}%"));
        }
        Console.WriteLine(string.Create(Ic, $"elapsed {watch.Elapsed.TotalSeconds:F1} s"));
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
