using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Benchmarks;

/// <summary>
/// Side-by-side timing of Approach 3 against the Python reference (../shared/reference/approach3.py, scipy L-BFGS-B),
/// on the same data: Epoch AI's Figure-4 extraction with the 5 highest losses dropped (240 runs).
/// Phases: the 4,500-start fit (median of 3 after a warm-up), 1,000 warm-started bootstrap refits (median of 3), and
/// 1,000 full-grid bootstrap refits (K of them timed and extrapolated unless --grid-resamples 1000).
/// </summary>
/// <remarks>
/// Usage: <c>Run(["--shared", PATH, "--threads", T, "--grid-resamples", K, "--skip-reference"])</c>; every argument is optional.
/// ../shared is found beside the directory holding ScalingFit.sln when --shared is absent.
/// </remarks>
public static class ParametricBenchmark
{
    private const int Resamples = 1000;

    /// <summary>Runs the comparison and prints the table; returns 0, or 2 when the data cannot be found.</summary>
    public static int Run(string[] args)
    {
        string? shared = Option(args, "--shared") ?? LocateShared();
        int threads = int.Parse(Option(args, "--threads") ?? "0", CultureInfo.InvariantCulture);
        int gridResamples = int.Parse(Option(args, "--grid-resamples") ?? "10", CultureInfo.InvariantCulture);
        bool skipReference = args.Contains("--skip-reference");
        if (shared is null || !File.Exists(Path.Combine(shared, "data", "chinchilla_figure4_epoch.csv")))
        {
            Console.Error.WriteLine("error: ../shared/data/chinchilla_figure4_epoch.csv not found; pass --shared PATH (the folder holding data/ and reference/).");
            return 2;
        }
        string csv = Path.Combine(shared, "data", "chinchilla_figure4_epoch.csv");
        var runs = LoadFigure4(csv);
        var options = ParametricFitOptions.Default with { DropHighest = 5, Threads = threads, Bootstrap = BootstrapOptions.None }; // the fit alone; bootstraps are timed below
        int workers = options.EffectiveThreads;

        Console.WriteLine($"Approach 3 benchmark: {csv}");
        Console.WriteLine($"  {Environment.ProcessorCount} cores, {workers} worker threads, .NET {Environment.Version}, load average before: {LoadAverage()}");

        // Fit: warm-up (JIT), then the median of 3.
        var fit = ParametricFitter.Fit(runs, options);
        var fitTimes = new List<double>();
        var fitCpu = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var (seconds, cpu) = Time(() => fit = ParametricFitter.Fit(runs, options));
            fitTimes.Add(seconds);
            fitCpu.Add(cpu);
        }
        var (fitSingle, fitSingleCpu) = Time(() => ParametricFitter.Fit(runs, options with { Threads = 1 }));
        Console.WriteLine($"  fit: objective {fit.Objective:R}, E {fit.Law.E:F6}, alpha {fit.Law.Alpha:F7}, beta {fit.Law.Beta:F7}, " +
            $"{fit.Convergence.StartsAtBest} starts at the best, {(double)fit.Convergence.TotalIterations / fit.Convergence.Starts:F1} iterations and " +
            $"{(double)fit.Convergence.TotalEvaluations / fit.Convergence.Starts:F1} evaluations per start");

        // 1,000 warm bootstraps: warm-up, then the median of 3.
        var warmOptions = BootstrapOptions.Default with { Resamples = Resamples, Seed = 0 };
        var warm = ParametricFitter.Bootstrap(runs, fit, warmOptions with { Resamples = 100 });
        var warmTimes = new List<double>();
        var warmCpu = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var (seconds, cpu) = Time(() => warm = ParametricFitter.Bootstrap(runs, fit, warmOptions));
            warmTimes.Add(seconds);
            warmCpu.Add(cpu);
        }
        var bc = warm.BootstrapConvergence!;
        Console.WriteLine($"  warm bootstrap: {bc.TotalEvaluations / (double)bc.Refits:F1} evaluations per refit; alpha 95% " +
            $"({warm.Alpha.Interval!.Value.Low:F4}, {warm.Alpha.Interval!.Value.High:F4}), a 95% ({warm.ExponentA.Interval!.Value.Low:F4}, {warm.ExponentA.Interval!.Value.High:F4})");

        // Full-grid bootstraps: the first K resamples (the same ones a 1,000-resample run starts with), extrapolated.
        gridResamples = Math.Clamp(gridResamples, 1, Resamples);
        var (gridTime, gridCpu) = Time(() => ParametricFitter.Bootstrap(runs, fit, warmOptions with { Resamples = gridResamples }, BootstrapStart.Grid));
        double gridExtrapolated = gridTime / gridResamples * Resamples;
        Console.WriteLine($"  full-grid bootstrap: {gridResamples} resamples in {gridTime:F2} s");
        Console.WriteLine($"  load average after: {LoadAverage()}");

        Dictionary<string, double>? reference = null;
        string referenceNote = "";
        if (!skipReference)
            (reference, referenceNote) = RunReference(shared, csv);

        double? Ref(string key) => reference is not null && reference.TryGetValue(key, out var v) ? v : null;
        string gridLabel = gridResamples == Resamples ? "1,000 full-grid bootstraps" : $"1,000 full-grid bootstraps (est. from {gridResamples})";
        var rows = new (string Phase, double Ours, double Cpu, double? Reference, string Target, bool Met)[]
        {
            ("4,500-start fit, median of 3", Median(fitTimes), Median(fitCpu), Ref("grid_fit"), "≥ 30× (< 0.7 s)", Ratio(Ref("grid_fit"), Median(fitTimes)) >= 30 || (Ref("grid_fit") is null && Median(fitTimes) < 0.7)),
            ("  same, 1 thread (one run)", fitSingle, fitSingleCpu, Ref("grid_fit"), "", true),
            ("1,000 warm bootstraps, median of 3", Median(warmTimes), Median(warmCpu), Ref($"bootstrap_{Resamples}_none"), "≥ 20× (< 0.145 s)", Ratio(Ref($"bootstrap_{Resamples}_none"), Median(warmTimes)) >= 20 || (Ref($"bootstrap_{Resamples}_none") is null && Median(warmTimes) < 0.145)),
            (gridLabel, gridExtrapolated, gridCpu / gridResamples * Resamples, Ref($"bootstrap_{Resamples}_full_extrapolated"), "< 900 s", gridExtrapolated < 900),
        };

        Console.WriteLine();
        Console.WriteLine($"| phase | ScalingFit wall ({workers} threads) | ScalingFit CPU | reference wall (scipy, 1 thread) | speed-up (wall) | target | met |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            string refText = row.Reference is { } r ? Seconds(r) : "n/a";
            string ratio = Ratio(row.Reference, row.Ours) is { } x ? $"{x:F0}×" : "n/a";
            Console.WriteLine($"| {row.Phase} | {Seconds(row.Ours)} | {Seconds(row.Cpu)} | {refText} | {ratio} | {row.Target} | {(row.Target.Length == 0 ? "" : row.Met ? "yes" : "NO")} |");
        }
        Console.WriteLine("CPU is this process's processor time over the phase (all threads); wall above CPU/threads means other processes shared the cores.");
        Console.WriteLine("The reference README's timings on an idle machine: fit 20.8 s, 1,000 warm bootstraps 2.88 s, 1,000 full-grid bootstraps ≈ 22,700 s.");
        Console.WriteLine();
        Console.WriteLine($"fit runs: {string.Join(", ", fitTimes.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} s wall; " +
            $"{string.Join(", ", fitCpu.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} s CPU");
        Console.WriteLine($"warm bootstrap runs: {string.Join(", ", warmTimes.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} s");
        if (reference is not null)
            Console.WriteLine($"reference objective {Ref("objective"):R}; ours {fit.Objective:R}; difference {fit.Objective - (Ref("objective") ?? double.NaN):E2}");
        if (referenceNote.Length > 0)
            Console.WriteLine(referenceNote);
        return 0;
    }

    private static (Dictionary<string, double>?, string) RunReference(string shared, string csv)
    {
        string dir = Path.Combine(shared, "reference");
        string json = Path.Combine(Path.GetTempPath(), $"scalingfit-approach3-{Environment.ProcessId}.json");
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "approach3.py", "--data", csv, "--bootstrap", $"{Resamples}", "--grid-timing", "2", "--json", json })
            info.ArgumentList.Add(a);
        Console.WriteLine($"running the reference: /usr/bin/python3 approach3.py --data {csv} --bootstrap {Resamples} --grid-timing 2 --json {json} (about two minutes)");
        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                return (null, $"reference failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var values = new Dictionary<string, double>();
            foreach (var p in doc.RootElement.GetProperty("timings_s").EnumerateObject())
                values[p.Name] = p.Value.GetDouble();
            values["objective"] = doc.RootElement.GetProperty("objective").GetDouble();
            return (values, "reference output:\n" + stdout.TrimEnd());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"reference not run: {ex.Message} (needs /usr/bin/python3 with numpy and scipy)");
        }
        finally
        {
            if (File.Exists(json))
                File.Delete(json);
        }
    }

    private static RunSet LoadFigure4(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int n = Array.IndexOf(header, "Model Size"), c = Array.IndexOf(header, "Training FLOP"), l = Array.IndexOf(header, "loss");
        var runs = new List<Run>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var parts = lines[i].Split(',');
            double size = double.Parse(parts[n], CultureInfo.InvariantCulture), flops = double.Parse(parts[c], CultureInfo.InvariantCulture);
            runs.Add(new Run($"row{i}", size, flops / (6 * size), flops, double.Parse(parts[l], CultureInfo.InvariantCulture)));
        }
        return new RunSet(runs);
    }

    private static (double Seconds, double Cpu) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }

    private static double? Ratio(double? reference, double ours) => reference is { } r && ours > 0 ? r / ours : null;

    private static string Seconds(double s) => s switch
    {
        < 1 => s.ToString("0.000 s", CultureInfo.InvariantCulture),
        < 100 => s.ToString("0.00 s", CultureInfo.InvariantCulture),
        _ => s.ToString("#,0 s", CultureInfo.InvariantCulture) + $" ({(s / 60).ToString("0.0", CultureInfo.InvariantCulture)} min)",
    };

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? LocateShared()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                    return Directory.Exists(candidate) ? candidate : null;
                }
        return null;
    }
}
