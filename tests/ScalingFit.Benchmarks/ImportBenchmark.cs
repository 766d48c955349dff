using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScalingFit.IO;

namespace ScalingFit.Benchmarks;

/// <summary>
/// Import throughput on a large curve log: generates a deterministic CSV of <c>runs × points</c> rows
/// (<c>run,params,tokens,loss</c>; default 2,000 × 5,000 = 10M rows, about 0.4 GB) in the temp folder if it is not
/// there yet, imports it once and prints rows, seconds, rows/s, peak working set and bytes allocated.
/// Arguments: <c>[--runs R] [--points P] [--file PATH]</c>.
/// </summary>
public static class ImportBenchmark
{
    public static void Run(string[] args)
    {
        var runs = IntArg(args, "--runs", 2000);
        var points = IntArg(args, "--points", 5000);
        var file = StringArg(args, "--file")
            ?? Path.Combine(Path.GetTempPath(), "scalingfit-bench", $"curves_{runs}x{points}.csv");

        if (!File.Exists(file))
        {
            Console.WriteLine($"generating {file} ({(long)runs * points:N0} rows)...");
            var generation = Stopwatch.StartNew();
            Generate(file, runs, points);
            Console.WriteLine($"generated {new FileInfo(file).Length / 1e6:F0} MB in {generation.Elapsed.TotalSeconds:F1} s");
        }

        // Measure the import alone: collect what generation (or startup) left behind first.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var result = RunImporter.Import(file);
        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(ic, $"file            {file} ({new FileInfo(file).Length / 1e6:F0} MB)"));
        Console.WriteLine(string.Create(ic, $"succeeded       {result.Succeeded} (errors {result.Errors.Count}, notes {result.Notes.Count})"));
        Console.WriteLine(string.Create(ic, $"rows            {result.RowsRead:N0} read, {result.RowsKept:N0} kept"));
        Console.WriteLine(string.Create(ic, $"runs / curves   {result.RunSet.Runs.Count:N0} / {result.RunSet.Curves.Count:N0}"));
        Console.WriteLine(string.Create(ic, $"seconds         {seconds:F2}"));
        Console.WriteLine(string.Create(ic, $"rows/s          {result.RowsRead / seconds:N0}"));
        Console.WriteLine(string.Create(ic, $"cpu seconds     {cpu:F2} (all threads, GC included; wall time suffers when other processes share the cores)"));
        Console.WriteLine(string.Create(ic, $"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
        Console.WriteLine(string.Create(ic, $"allocated       {allocated / 1048576.0:N0} MiB (GC.GetTotalAllocatedBytes during the import)"));
        Console.WriteLine(string.Create(ic, $"processors      {Environment.ProcessorCount}, server GC {System.Runtime.GCSettings.IsServerGC}"));
        GC.KeepAlive(result);
    }

    /// <summary>
    /// Writes the curves run by run: N log-spaced over 1e7–1e10, checkpoints every <c>D_max/points</c> tokens with
    /// D_max = 20N·(0.5–4), loss from the Chinchilla law (Hoffmann et al. 2022, Approach 3) plus seeded noise.
    /// </summary>
    internal static void Generate(string file, int runs, int points)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".partial";
        var random = new Random(20220329);
        var ic = CultureInfo.InvariantCulture;
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.NewLine = "\n";
            writer.WriteLine("run,params,tokens,loss");
            Span<char> number = stackalloc char[32];
            for (var r = 0; r < runs; r++)
            {
                var n = Math.Round(Math.Pow(10, 7 + (3.0 * r / Math.Max(1, runs - 1))));
                var maxTokens = 20 * n * (0.5 + (3.5 * random.NextDouble()));
                var step = Math.Max(1, Math.Round(maxTokens / points));
                var id = $"run-{r:D4}";
                for (var p = 1; p <= points; p++)
                {
                    var d = step * p;
                    var loss = 1.69 + (406.4 / Math.Pow(n, 0.34)) + (410.7 / Math.Pow(d, 0.28)) + (0.01 * (random.NextDouble() - 0.5));
                    writer.Write(id);
                    writer.Write(',');
                    n.TryFormat(number, out var written, "R", ic);
                    writer.Write(number[..written]);
                    writer.Write(',');
                    d.TryFormat(number, out written, "R", ic);
                    writer.Write(number[..written]);
                    writer.Write(',');
                    loss.TryFormat(number, out written, "G10", ic);
                    writer.Write(number[..written]);
                    writer.Write('\n');
                }
            }
        }

        File.Move(temporary, file, overwrite: true);
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
