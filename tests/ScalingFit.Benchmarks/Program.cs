// Side-by-side benchmarks: `dotnet run -c Release --project tests/ScalingFit.Benchmarks -- <name>`.
//   parametric  the 4,500-start fit and the bootstraps, ours beside ../shared/reference/approach3.py, with ratios
//   import      a generated 10M-row curve file: rows/s and peak memory
//   scale       the same file imported and fitted with the envelope (approach 1): time and memory
//   plan        `plan --precision` for a 7 × 9 grid, 200 trials (--compare: against the paper grid and 1,000 resamples)
//   micro       BenchmarkDotNet: one objective evaluation and one L-BFGS start (profiling the hot path)
//   figures     the sample report's six figures as PNG and SVG plus the HTML page: seconds (target < 2 s)
//   predict-coverage / vertex-variance / compare-recovery / predict-speed   intervals of predict and compare on simulated sweeps; speed of backtest and compare
//   report-predictions  what the loss frontiers (results.json) and the report's backtest figure cost fit all --out on the samples
using ScalingFit.Benchmarks;

string which = args.Length > 0 ? args[0] : "help";
string[] rest = args.Skip(1).ToArray();
return which switch
{
    "parametric" => ParametricBenchmark.Run(rest),
    "import" => Import(rest),
    "micro" => ObjectiveBenchmarks.Run(rest),
    "scale" => ScaleBenchmark.Run(rest),
    "figures" => FiguresBenchmark.Run(rest),
    "plan" => PlanBenchmark.Run(rest),
    "predict-coverage" => PredictionBenchmark.Coverage(rest),
    "vertex-variance" => PredictionBenchmark.VertexVariance(rest),
    "compare-recovery" => PredictionBenchmark.Recovery(rest),
    "predict-speed" => PredictionBenchmark.Speed(rest),
    "report-predictions" => ReportPredictionBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/ScalingFit.Benchmarks -- parametric|import|scale|plan|micro|figures|predict-coverage|vertex-variance|compare-recovery|predict-speed|report-predictions [options]");
    return 2;
}

static int Import(string[] rest)
{
    ImportBenchmark.Run(rest);
    return 0;
}
