using System.Diagnostics;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;

namespace ScalingFit.Benchmarks;

/// <summary>
/// The report's figures for the sample sweeps (data/samples, fitted as <c>scalingfit reproduce</c> fits them, 1,000
/// resamples each): build the six figures, render each as PNG and as SVG, and write the HTML page, in memory. The first
/// round includes ScottPlot's and Skia's start-up (fonts, JIT), which a CLI run pays once; then the median of the rounds.
/// Arguments: <c>[--rounds N]</c> (default 5) <c>[--samples DIR]</c> (default data/samples of the checkout).
/// </summary>
public static class FiguresBenchmark
{
    public static int Run(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        int rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(5);
        string samples = args.SkipWhile(a => a != "--samples").Skip(1).FirstOrDefault() ?? FindSamples();

        RunSet isoFlop = Load(Path.Combine(samples, "sample-isoflop.csv"));
        RunSet curves = Load(Path.Combine(samples, "sample-curves.csv"));
        var all = new RunSet([.. isoFlop.Runs, .. curves.Runs], curves.Curves, isoFlop.FlopRule);
        var fitClock = Stopwatch.StartNew();
        var inputs = new FigureInputs
        {
            Runs = all,
            Curves = all,
            Envelope = EnvelopeFitter.Fit(all, EnvelopeFitOptions.Default),
            IsoFlop = IsoFlopFitter.Fit(isoFlop, IsoFlopFitOptions.Default),
            Parametric = ParametricFitter.Fit(all, ParametricFitOptions.Default),
            References = FrontierReferences.Paper,
        };
        Console.WriteLine(string.Create(ic, $"fits (not timed below): {fitClock.Elapsed.TotalSeconds:F2} s; {Environment.ProcessorCount} cores"));

        var times = new List<double>();
        long pngBytes = 0, svgBytes = 0, htmlBytes = 0;
        for (int round = 0; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<ReportFigure> figures = ReportFigures.All(inputs);
            pngBytes = figures.Sum(f => (long)f.Render(FigureFormat.Png).Length);
            svgBytes = figures.Sum(f => (long)f.Render(FigureFormat.Svg).Length);
            htmlBytes = new HtmlReport("Benchmark") { Figures = figures }.ToHtml().Length;
            clock.Stop();
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(ic, $"{(round == 0 ? "first round (cold)" : $"round {round}")}: {clock.Elapsed.TotalSeconds:F3} s"));
        }
        double[] warm = [.. times.Skip(1).Order()];
        double median = warm.Length == 0 ? double.NaN : warm[warm.Length / 2];
        Console.WriteLine(string.Create(ic,
            $"6 figures as PNG ({pngBytes / 1024} KiB) and SVG ({svgBytes / 1024} KiB) plus index.html ({htmlBytes / 1024} KiB): first {times[0]:F3} s, median of {warm.Length} {median:F3} s (target < 2 s)"));
        return times[0] < 2 ? 0 : 1;
    }

    private static RunSet Load(string path)
    {
        ImportResult result = RunImporter.Import(path);
        return result.Succeeded ? result.RunSet : throw new InvalidOperationException(result.ToReport());
    }

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "samples");
            if (File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")) && Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("data/samples not found above the benchmark; pass --samples DIR.");
    }
}
