using System.Diagnostics;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.Benchmarks;

/// <summary>
/// The whole path at scale: a deterministic 10M-row training-curve CSV (2,000 runs × 5,000 checkpoints, the same file
/// <see cref="ImportBenchmark"/> generates, made if absent), imported, then fitted by the envelope (Approach 1) with a
/// small bootstrap over whole curves. Prints rows, rows/s, import and fit seconds, peak working set and the GC heap size.
/// Arguments: <c>[--runs R] [--points P] [--file PATH] [--bootstrap B] [--threads T]</c>.
/// </summary>
public static class ScaleBenchmark
{
    public static int Run(string[] args)
    {
        int runs = IntArg(args, "--runs", 2000);
        int points = IntArg(args, "--points", 5000);
        int resamples = IntArg(args, "--bootstrap", 20);
        int threads = IntArg(args, "--threads", 0);
        string file = StringArg(args, "--file")
            ?? Path.Combine(Path.GetTempPath(), "scalingfit-bench", $"curves_{runs}x{points}.csv");
        var ic = CultureInfo.InvariantCulture;

        if (!File.Exists(file))
        {
            Console.WriteLine($"generating {file} ({(long)runs * points:N0} rows)...");
            var generation = Stopwatch.StartNew();
            ImportBenchmark.Generate(file, runs, points);
            Console.WriteLine(string.Create(ic, $"generated {new FileInfo(file).Length / 1e6:F0} MB in {generation.Elapsed.TotalSeconds:F1} s"));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var import = Stopwatch.StartNew();
        var result = RunImporter.Import(file);
        import.Stop();
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"import failed: {result.Errors[0]}");
            return 1;
        }
        long heapAfterImport = GC.GetGCMemoryInfo().HeapSizeBytes;

        var options = EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(resamples, Seed: 1, Threads: threads) };
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var fitWatch = Stopwatch.StartNew();
        var fit = EnvelopeFitter.Fit(result.RunSet, options);
        fitWatch.Stop();
        long fitAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var process = Process.GetCurrentProcess();
        process.Refresh();
        double importSeconds = import.Elapsed.TotalSeconds, fitSeconds = fitWatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(ic, $"file              {file} ({new FileInfo(file).Length / 1e6:F0} MB)"));
        Console.WriteLine(string.Create(ic, $"rows              {result.RowsRead:N0} read, {result.RowsKept:N0} kept; {result.RunSet.Curves.Count:N0} curves"));
        Console.WriteLine(string.Create(ic, $"import seconds    {importSeconds:F2}"));
        Console.WriteLine(string.Create(ic, $"rows/s            {result.RowsRead / importSeconds:N0}"));
        Console.WriteLine(string.Create(ic, $"envelope fit      {fitSeconds:F2} s (paper envelope, {options.FlopPoints} FLOP values, {resamples} curve resamples, {options.EffectiveBootstrap.EffectiveThreads} threads)"));
        Console.WriteLine(string.Create(ic, $"fit allocated     {fitAllocated / 1048576.0:N0} MiB ({(double)fitAllocated / result.RowsKept:F1} bytes per checkpoint)"));
        Console.WriteLine(string.Create(ic, $"a                 {fit.ExponentA.Value:F4} [{fit.ExponentA.Interval?.Low:F4}, {fit.ExponentA.Interval?.High:F4}] from {fit.PointCount} frontier points; succeeded {fit.Succeeded}"));
        Console.WriteLine(string.Create(ic, $"peak working set  {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
        Console.WriteLine(string.Create(ic, $"GC heap size      {heapAfterImport / 1048576.0:N0} MiB after the import, {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N0} MiB after the fit"));
        Console.WriteLine(string.Create(ic, $"processors        {Environment.ProcessorCount}, server GC {System.Runtime.GCSettings.IsServerGC}"));
        GC.KeepAlive(result);
        return fit.Succeeded ? 0 : 1;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var text = StringArg(args, name);
        return text is null ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static string? StringArg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
