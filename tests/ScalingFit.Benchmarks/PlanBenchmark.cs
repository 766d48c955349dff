using System.Diagnostics;
using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Benchmarks;

/// <summary>
/// <c>scalingfit plan --precision</c> without the console: a Chinchilla-sized prior (the paper's law), budgets
/// 1e18 … 1e21 (7 by default), 9 sizes per budget over a span of 16, 200 trials at 1% noise, IsoFLOP and parametric
/// fits, the centred case and the three off-centre truths, timed. With <c>--compare</c>, the centred case is also run
/// with the paper's 4,500-start grid and 1,000 resamples per interval on the same seeds, and the two precision tables
/// are printed side by side with the per-trial difference of the parametric a.
/// Arguments: <c>[--trials T] [--budgets-count K] [--sizes M] [--threads T] [--only isoflop|parametric] [--centred] [--resamples B] [--compare]</c>.
/// </summary>
public static class PlanBenchmark
{
    public static int Run(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        int trials = IntArg(args, "--trials", 200);
        int count = IntArg(args, "--budgets-count", 7);
        int sizes = IntArg(args, "--sizes", 9);
        int threads = IntArg(args, "--threads", 0);
        var plan = SweepPlanner.Plan(ParametricLaw.Paper, new SweepPlanOptions(SweepPlanOptions.GeometricBudgets(1e18, 1e21, count), sizes));
        var options = SweepPrecisionOptions.Default with { Trials = trials, Threads = threads };
        int only = Array.IndexOf(args, "--only");
        if (only >= 0 && only + 1 < args.Length)
            options = options with { Approaches = args[only + 1] == "parametric" ? PlanApproaches.Parametric : PlanApproaches.IsoFlop };
        if (Array.IndexOf(args, "--resamples") >= 0)
            options = options with { BootstrapResamples = IntArg(args, "--resamples", 200) };
        if (args.Contains("--centred"))
            options = options with { Sensitivity = false };
        Console.WriteLine(string.Create(ic, $"plan: {plan.Budgets.Count} budgets × {sizes} sizes = {plan.RunCount} runs, {plan.TotalFlops:0.00e+0} FLOPs; {trials} trials, σ = {options.NoiseSigma}, {options.BootstrapResamples} resamples per interval, {options.EffectiveThreads} threads, load {Load()}"));

        // Warm-up (JIT) on a few trials, not timed.
        SweepPrecision.Estimate(plan, options with { Trials = 4, Sensitivity = false });
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = SweepPrecision.Estimate(plan, options);
        watch.Stop();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        int scenarios = 1 + result.Sensitivity.Count;
        // CPU seconds over the worker count is the wall time the run would take with the cores to itself.
        Console.WriteLine(string.Create(ic, $"precision (centred + {result.Sensitivity.Count} off-centre, {scenarios * trials} trials × 2 fits): {watch.Elapsed.TotalSeconds:F2} s wall (target < 20 s); {cpu:F1} s CPU, i.e. {cpu / options.EffectiveThreads:F1} s on {options.EffectiveThreads} idle cores"));
        foreach (var s in result.Scenarios)
            Print(s);
        Console.WriteLine($"load after: {Load()}");

        if (!args.Contains("--compare"))
            return 0;
        var centred = options with { Sensitivity = false };
        var full = centred with { ParametricGrid = ParametricGrid.Paper, BootstrapResamples = 1000 };
        var fast = Timed(() => SweepPrecision.Trials(plan, plan.Prior, centred), out double fastSeconds);
        var slow = Timed(() => SweepPrecision.Trials(plan, plan.Prior, full), out double slowSeconds);
        var gridOnly = Timed(() => SweepPrecision.Trials(plan, plan.Prior, centred with { BootstrapResamples = 1000 }), out double gridOnlySeconds);
        Console.WriteLine(string.Create(ic, $"\ncentred case, {trials} trials: coarse grid + prior start, 200 resamples {fastSeconds:F2} s; same with 1,000 resamples {gridOnlySeconds:F2} s; paper grid (4,500 starts), 1,000 resamples {slowSeconds:F2} s"));
        Print(SweepPrecision.Summarise("coarse grid + prior start, 200 resamples", "", plan.Prior, fast, centred));
        Print(SweepPrecision.Summarise("coarse grid + prior start, 1,000 resamples", "", plan.Prior, gridOnly, centred));
        Print(SweepPrecision.Summarise("paper grid, 1,000 resamples", "", plan.Prior, slow, full));
        var diffs = fast.Zip(slow, (f, s) => Math.Abs(f.ParametricA!.Value - s.ParametricA!.Value)).ToArray();
        Console.WriteLine(string.Create(ic, $"parametric a, coarse+prior vs paper grid on the same simulated sweeps: max |Δa| = {diffs.Max():0.0e+0}; {diffs.Count(d => d > 1e-6)} of {trials} trials differ by more than 1e-6"));
        return 0;
    }

    private static PlanTrial[] Timed(Func<PlanTrial[]> run, out double seconds)
    {
        var w = Stopwatch.StartNew();
        var r = run();
        seconds = w.Elapsed.TotalSeconds;
        return r;
    }

    private static void Print(PrecisionScenario s)
    {
        Console.WriteLine($"  {s.Name}: true a = {s.Truth.ExponentA.ToString("0.0000", CultureInfo.InvariantCulture)}");
        Console.WriteLine("    approach    exp   fitted  bias      sd      median width  coverage");
        foreach (var r in s.Rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {r.Approach,-10}  {r.Exponent,-3}  {r.Fitted,6}  {r.Bias,8:+0.0000;-0.0000}  {r.StandardDeviation,6:0.0000}  {r.MedianWidth,12:0.0000}  {100 * r.Coverage,7:0.0}%"));
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
