using System.Diagnostics;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

namespace ScalingFit.Benchmarks;

/// <summary>
/// <c>report-predictions</c>: what the loss frontiers (stored in <c>results.json</c> for <c>predict --fit</c>) and the
/// report's backtest add to <c>fit all --out</c> on the sample sweeps (IsoFLOP runs and training curves, default options:
/// 1,000 resamples, the paper's 4,500 starts): the fits, <see cref="ScalingLaws.LossFrontiers"/> per approach,
/// <see cref="SweepBacktester.Run"/> per approach, and the report folder written with and without the two new figures.
/// Wall-clock seconds, with the load average.
/// </summary>
public static class ReportPredictionBenchmark
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        string root = Root();
        var iso = RunImporter.Import(Path.Combine(root, "data", "samples", "sample-isoflop.csv")).RunSet;
        var curves = RunImporter.Import(Path.Combine(root, "data", "samples", "sample-curves.csv")).RunSet;
        var samples = iso with { Curves = curves.Curves };
        Console.WriteLine($"load average before: {LoadAverage()}");

        var watch = Stopwatch.StartNew();
        var fits = ScalingLaws.FitAll(samples);
        Console.WriteLine(string.Create(Ic, $"fit all: {watch.Elapsed.TotalSeconds:F2} s"));

        var frontiers = new List<LossFrontier>();
        var total = Stopwatch.StartNew();
        foreach (var fit in fits.Fits)
        {
            watch.Restart();
            frontiers.AddRange(ScalingLaws.LossFrontiers(FitAllResult.Of(fit, fits.Runs)));
            Console.WriteLine(string.Create(Ic, $"  loss frontier, {fit.Approach.Name()}: {watch.Elapsed.TotalSeconds:F2} s"));
        }
        Console.WriteLine(string.Create(Ic, $"loss frontiers (the JSON's lossFrontier blocks): {total.Elapsed.TotalSeconds:F2} s"));

        total.Restart();
        var results = new List<BacktestResult>();
        var cutoffs = Array.Empty<double>();
        foreach (var fit in fits.Fits)
        {
            watch.Restart();
            var one = SweepBacktester.Run(new FitAllResult([fit], [], [], fits.Runs));
            results.AddRange(one.Results);
            cutoffs = [.. one.Cutoffs];
            Console.WriteLine(string.Create(Ic, $"  backtest, {fit.Approach.Name()}: {watch.Elapsed.TotalSeconds:F2} s ({one.Results.Sum(r => r.Cutoffs.Sum(c => c.Targets.Count))} targets)"));
        }
        Console.WriteLine(string.Create(Ic, $"backtest (top 1 and 2 budgets held out, ≤ 200 resamples): {total.Elapsed.TotalSeconds:F2} s"));
        var backtest = new SweepBacktest(results, cutoffs, []);

        string dir = Directory.CreateTempSubdirectory("scalingfit-report-bench-").FullName;
        try
        {
            var without = ReportOptions.Default with { Frontiers = [], Backtest = new SweepBacktest([], [], []) };
            var with = ReportOptions.Default with { Frontiers = frontiers, Backtest = backtest };
            ReportWriter.Write(fits, Path.Combine(dir, "warm-up"), without); // fonts, JIT and ScottPlot's first render
            var (six, eight) = (new List<double>(), new List<double>());
            int figures = 0;
            for (int round = 0; round < 3; round++)
            {
                watch.Restart();
                ReportWriter.Write(fits, Path.Combine(dir, $"a{round}"), without);
                six.Add(watch.Elapsed.TotalSeconds);
                watch.Restart();
                figures = ReportWriter.Write(fits, Path.Combine(dir, $"b{round}"), with).FigureCount;
                eight.Add(watch.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(Ic, $"report folder written (PNG and SVG), median of 3: {Median(six):F2} s with the six figures, {Median(eight):F2} s with {figures} (frontiers and backtest given)"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (ScalingFit.sln not found above the binary).");
    }
}
