using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using ScalingFit.Core;
using ScalingFit.Fitting.Optimization;
using ScalingFit.Fitting;

namespace ScalingFit.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the hot path of Approach 3, for profiling: one evaluation of the Huber objective
/// and its gradient over 240 runs, and one L-BFGS start from a paper-grid point. Run with
/// <c>dotnet run -c Release --project tests/ScalingFit.Benchmarks -- micro</c>.
/// </summary>
[MemoryDiagnoser]
public class ObjectiveBenchmarks
{
    private ParametricObjective _objective = null!;
    private readonly double[] _point = [6.17, 7.67, 0.597, 0.347, 0.367];
    private readonly double[] _gradient = new double[5];
    private readonly double[] _start = new double[5];
    private readonly LbfgsWorkspace _workspace = new(5);

    /// <summary>240 runs simulated from Epoch AI's refit (the size of the Figure-4 data).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var n = SweepSimulator.LogSpace(5e7, 1.6e10, 16);
        var d = SweepSimulator.LogSpace(2.5e8, 3e11, 15);
        var runs = SweepSimulator.Grid(new SimulationOptions(ParametricLaw.EpochReplication, 0.01, 7), n, d);
        _objective = ParametricObjective.FromRuns(runs.Runs);
    }

    /// <summary>f and ∇f at Epoch AI's optimum.</summary>
    [Benchmark]
    public double ObjectiveAndGradient() => _objective.Evaluate(_point, _gradient);

    /// <summary>One start of the paper grid (a = 10, b = 10, e = 0, α = 0.5, β = 0.5) to convergence.</summary>
    [Benchmark]
    public int OneLbfgsStart()
    {
        _start[0] = 10; _start[1] = 10; _start[2] = 0; _start[3] = 0.5; _start[4] = 0.5;
        return Lbfgs.MinimizeInPlace(_objective, _start, LbfgsOptions.Default, _workspace).Evaluations;
    }

    /// <summary>
    /// The same start with MathNet's L-BFGS (tolerances as close as its API allows: gradient 1e-12, parameter and
    /// function progress 1e-15), for the measured case for writing our own. MathNet throws at its iteration limit;
    /// that is caught and counted as the result (-1).
    /// </summary>
    [Benchmark]
    public int OneMathNetStart()
    {
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var g = new double[5];
            double f = _objective.Evaluate(v.AsArray() ?? v.ToArray(), g);
            return (f, Vector<double>.Build.DenseOfArray(g));
        });
        try
        {
            var result = new LimitedMemoryBfgsMinimizer(1e-12, 1e-15, 1e-15, 10, 15_000)
                .FindMinimum(objective, Vector<double>.Build.DenseOfArray([10, 10, 0, 0.5, 0.5]));
            return result.Iterations;
        }
        catch (Exception ex) when (ex is MaximumIterationsException or InnerOptimizationException)
        {
            return -1;
        }
    }

    /// <summary>Runs the micro-benchmarks in-process (no generated projects), with a short job.</summary>
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkRunner.Run<ObjectiveBenchmarks>(config, args);
        return 0;
    }
}
