using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using ScalingFit.Fitting.Optimization;

namespace ScalingFit.Tests.Fitting.Optimization;

public class LbfgsTests
{
    /// <summary>MathNet's L-BFGS, wrapped: it throws at its iteration limit, where ours returns a result.</summary>
    private static (double[] Point, double Value, string Exit) MathNetMinimum(TestProblem problem)
    {
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var g = new double[problem.Dimension];
            double f = problem.Evaluate(v.ToArray(), g);
            return (f, Vector<double>.Build.DenseOfArray(g));
        });
        try
        {
            var minimizer = new LimitedMemoryBfgsMinimizer(1e-10, 1e-14, 1e-14, 10, 20_000);
            var result = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray(problem.Start));
            return (result.MinimizingPoint.ToArray(), result.FunctionInfoAtMinimum.Value, result.ReasonForExit.ToString());
        }
        catch (MaximumIterationsException ex)
        {
            return ([], double.NaN, "MaximumIterations: " + ex.Message);
        }
    }

    [Theory]
    [MemberData(nameof(TestProblems.Names), MemberType = typeof(TestProblems))]
    public void Minimize_StandardProblem_ReachesTheSameMinimumAsMathNet(string name)
    {
        var problem = TestProblems.Named(name);

        var ours = Lbfgs.Minimize(problem.Function, problem.Start);
        var theirs = MathNetMinimum(problem);

        Assert.True(ours.Converged || ours.Termination == Termination.LineSearchFailed, $"{name}: {ours.Termination}");
        Assert.Equal(problem.Dimension, theirs.Point.Length); // MathNet converged too
        for (int i = 0; i < problem.Dimension; i++)
        {
            Assert.Equal(problem.Minimizer[i], ours.Point[i], 1e-6);
            Assert.Equal(theirs.Point[i], ours.Point[i], 1e-5);
        }
        Assert.InRange(ours.Value, problem.Minimum, problem.Minimum + 1e-12);
        Assert.True(ours.Value <= theirs.Value + 1e-12, $"ours {ours.Value} vs MathNet {theirs.Value} ({theirs.Exit})");
    }

    [Theory]
    [MemberData(nameof(TestProblems.Names), MemberType = typeof(TestProblems))]
    public void Minimize_StandardProblem_ReportsConsistentCounts(string name)
    {
        var problem = TestProblems.Named(name);

        var result = Lbfgs.Minimize(problem.Function, problem.Start);
        var g = new double[problem.Dimension];
        double f = problem.Evaluate(result.Point, g);

        Assert.Equal(f, result.Value);
        Assert.Equal(g.Max(Math.Abs), result.GradientNorm);
        Assert.InRange(result.Iterations, 1, LbfgsOptions.Default.MaxIterations);
        Assert.InRange(result.Evaluations, result.Iterations + 1, LbfgsOptions.Default.MaxEvaluations);
    }

    [Fact]
    public void Minimize_Rosenbrock_TakesAboutAsManyStepsAsScipyLbfgsb()
    {
        // scipy 1.10 L-BFGS-B (m = 10, ftol 1e-15, gtol 1e-12) from (-1.2, 1) needs a few dozen iterations; a
        // working L-BFGS should be in the same range, not hundreds.
        var result = Lbfgs.Minimize(TestProblems.Rosenbrock.Function, TestProblems.Rosenbrock.Start);

        Assert.InRange(result.Iterations, 20, 60);
        Assert.InRange(result.Evaluations, result.Iterations + 1, 2 * result.Iterations + 10);
    }

    [Fact]
    public void Minimize_IterationLimit_ReturnsMaxIterationsInsteadOfThrowing()
    {
        var options = LbfgsOptions.Default with { MaxIterations = 5 };

        var result = Lbfgs.Minimize(TestProblems.Rosenbrock.Function, TestProblems.Rosenbrock.Start, options);

        Assert.Equal(Termination.MaxIterations, result.Termination);
        Assert.Equal(5, result.Iterations);
        Assert.False(result.Converged);
        Assert.True(result.Value < 24.2, "the iterate improved on the start (f = 24.2)");
    }

    [Fact]
    public void Minimize_EvaluationLimit_ReturnsMaxEvaluations()
    {
        var options = LbfgsOptions.Default with { MaxEvaluations = 10 };

        var result = Lbfgs.Minimize(TestProblems.Rosenbrock.Function, TestProblems.Rosenbrock.Start, options);

        Assert.Equal(Termination.MaxEvaluations, result.Termination);
        Assert.True(result.Evaluations <= 10);
    }

    [Fact]
    public void Minimize_NonFiniteAtStart_ReportsNonFiniteValue()
    {
        var function = new DelegateFunction(1, (x, g) =>
        {
            g[0] = double.NaN;
            return double.NaN;
        });

        var result = Lbfgs.Minimize(function, [1.0]);

        Assert.Equal(Termination.NonFiniteValue, result.Termination);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
    }

    [Fact]
    public void Minimize_NonFiniteBeyondARegion_RetreatsAndStillConverges()
    {
        // f = (x - 2)² on x < 3 and NaN beyond: the first trial steps overshoot into the NaN region.
        var function = new DelegateFunction(1, (x, g) =>
        {
            if (x[0] >= 3)
            {
                g[0] = double.NaN;
                return double.NaN;
            }
            g[0] = 2 * (x[0] - 2);
            return (x[0] - 2) * (x[0] - 2);
        });

        var result = Lbfgs.Minimize(function, [-1000.0]);

        Assert.True(result.Converged, result.Termination.ToString());
        Assert.Equal(2, result.Point[0], 1e-8);
    }

    [Fact]
    public void Minimize_StartAtTheMinimum_StopsAtOnceOnTheGradient()
    {
        var result = Lbfgs.Minimize(TestProblems.QuadraticBowl.Function, TestProblems.QuadraticBowl.Minimizer);

        Assert.Equal(Termination.GradientTolerance, result.Termination);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
    }

    [Fact]
    public void Minimize_LinearFunction_EndsWithoutThrowing()
    {
        // Unbounded below: there is no minimum; the search must stop by a limit or a line-search failure, not hang or throw.
        var function = new DelegateFunction(2, (x, g) =>
        {
            g[0] = 1;
            g[1] = -2;
            return x[0] - 2 * x[1];
        });

        var result = Lbfgs.Minimize(function, [0.0, 0.0], LbfgsOptions.Default with { MaxIterations = 200 });

        Assert.False(result.Converged);
        Assert.True(result.Value < 0);
    }

    [Fact]
    public void MinimizeInPlace_WithAReusedWorkspace_AllocatesNothing()
    {
        var problem = TestProblems.ExtendedRosenbrock10;
        var function = problem.Function;
        var workspace = new LbfgsWorkspace(problem.Dimension);
        var x = new double[problem.Dimension];
        problem.Start.CopyTo(x, 0);
        Lbfgs.MinimizeInPlace(function, x, LbfgsOptions.Default, workspace); // warm up the JIT

        problem.Start.CopyTo(x, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var summary = Lbfgs.MinimizeInPlace(function, x, LbfgsOptions.Default, workspace);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(summary.Iterations > 20);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void MinimizeInPlace_ReusedWorkspace_GivesTheSameResultAsAFreshOne()
    {
        var problem = TestProblems.Wood;
        var workspace = new LbfgsWorkspace(problem.Dimension);
        var dirty = problem.Start.ToArray();
        Lbfgs.MinimizeInPlace(TestProblems.Wood.Function, [0.5, 0.5, 0.5, 0.5], LbfgsOptions.Default, workspace);

        var reused = Lbfgs.MinimizeInPlace(problem.Function, dirty, LbfgsOptions.Default, workspace);
        var fresh = Lbfgs.Minimize(problem.Function, problem.Start);

        Assert.Equal(fresh.Point, dirty);
        Assert.Equal(fresh.Value, reused.Value);
        Assert.Equal(fresh.Evaluations, reused.Evaluations);
    }

    [Fact]
    public void MinimizeInPlace_MismatchedWorkspace_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Lbfgs.MinimizeInPlace(TestProblems.Rosenbrock.Function, new double[2], LbfgsOptions.Default, new LbfgsWorkspace(3)));

        Assert.Contains("workspace", ex.Message);
    }

    [Theory]
    [InlineData(0.9, 0.5)]
    [InlineData(1e-3, 1.0)]
    [InlineData(0.0, 0.9)]
    public void Options_WolfeConstantsOutOfOrder_AreRejected(double sufficientDecrease, double curvature)
    {
        var options = LbfgsOptions.Default with { SufficientDecrease = sufficientDecrease, Curvature = curvature };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }

    [Fact]
    public void Termination_ConvergedAndLimitFlags_PartitionTheReasons()
    {
        foreach (var t in Enum.GetValues<Termination>())
        {
            Assert.False(t.IsConverged() && t.IsLimitReached(), t.ToString());
            Assert.False(string.IsNullOrWhiteSpace(t.Describe()));
        }
        Assert.True(Termination.FunctionTolerance.IsConverged());
        Assert.True(Termination.MaxIterations.IsLimitReached());
    }
}
