using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Parametric;

public class ParametricObjectiveTests
{
    // 45 points (an odd count exercises the scalar tail after the SIMD lanes), noisy around the Epoch replication law.
    private static readonly ParametricObjective Objective = ParametricObjective.FromRuns(
        SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.EpochReplication, 0.02, Seed: 3), null, 5).Runs);

    /// <summary>Points (a, b, e, α, β): Epoch's optimum, jittered paper-grid points, and far-out ones where e^t would overflow.</summary>
    public static TheoryData<double, double, double, double, double> Points => new()
    {
        { Math.Log(477.8), Math.Log(2143.9), Math.Log(1.8172), 0.3473, 0.3672 },
        { 5.1, 10.2, -0.93, 0.52, 1.47 },
        { 0.3, 24.6, 0.48, 0.03, 0.11 },
        { 19.7, 0.2, 1.02, 1.96, 0.55 },
        { 25.1, 25.2, -1.04, 1.01, 0.97 },
        { 14.9, 4.8, 0.1, 0.0, 2.03 },
        { 705, 3, 0.5, 0.5, 0.5 },      // t₁ > 700: the overflow-safe path
        { 3, 3, -650, 0.1, 0.1 },       // tiny E: the overflow-safe path
        { 3, 3, 720, 0.1, 0.1 },        // huge E
    };

    /// <summary>Scalar reference: the max-shifted log-sum-exp, one point at a time.</summary>
    private static double Reference(ParametricObjective objective, IReadOnlyList<double> lnN, IReadOnlyList<double> lnD, IReadOnlyList<double> lnL, double[] p)
    {
        double f = 0;
        for (int i = 0; i < lnN.Count; i++)
        {
            double t1 = p[0] - p[3] * lnN[i], t2 = p[1] - p[4] * lnD[i], t3 = p[2];
            double m = Math.Max(t1, Math.Max(t2, t3));
            double lse = m + Math.Log(Math.Exp(t1 - m) + Math.Exp(t2 - m) + Math.Exp(t3 - m));
            f += ParametricObjective.Huber(lse - lnL[i], objective.Delta);
        }
        return f;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Evaluate_Gradient_MatchesCentralDifferences(double a, double b, double e, double alpha, double beta)
    {
        double[] p = [a, b, e, alpha, beta];
        var gradient = new double[5];
        Objective.Evaluate(p, gradient);

        // Central differences with step 1e-7, as the reference's check; 2-norm relative error as it reports.
        var fd = new double[5];
        for (int k = 0; k < 5; k++)
        {
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            double h = 1e-7 * Math.Max(1, Math.Abs(p[k]));
            up[k] += h;
            down[k] -= h;
            fd[k] = (Objective.Value(up) - Objective.Value(down)) / (up[k] - down[k]);
        }
        double diff = Math.Sqrt(gradient.Zip(fd, (x, y) => (x - y) * (x - y)).Sum());
        double norm = Math.Sqrt(fd.Sum(x => x * x));

        Assert.True(diff / norm < 1e-6, $"relative error {diff / norm:E2}: analytic [{string.Join(", ", gradient)}] vs differences [{string.Join(", ", fd)}]");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Evaluate_Value_MatchesAScalarStableLogSumExp(double a, double b, double e, double alpha, double beta)
    {
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.EpochReplication, 0.02, Seed: 3), null, 5).Runs;
        double[] p = [a, b, e, alpha, beta];

        double expected = Reference(Objective, runs.Select(r => r.LnParameterCount).ToArray(), runs.Select(r => r.LnTokenCount).ToArray(), runs.Select(r => r.LnLoss).ToArray(), p);
        double actual = Objective.Value(p);

        Assert.True(double.IsFinite(actual));
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-13);
    }

    [Fact]
    public void Evaluate_ExtremeCoefficients_StayFinite()
    {
        var gradient = new double[5];
        foreach (var p in new[] { new double[] { 1e4, -1e4, 0, 5, -5 }, [0, 0, -1e4, 0, 0], [800, 800, 800, 0, 0] })
        {
            double f = Objective.Evaluate(p, gradient);

            Assert.True(double.IsFinite(f), string.Join(",", p));
            Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
        }
    }

    [Fact]
    public void Huber_IsQuadraticWithinDeltaAndLinearBeyond()
    {
        Assert.Equal(0.5 * 0.0005 * 0.0005, ParametricObjective.Huber(-0.0005, 1e-3));
        Assert.Equal(0.5e-6, ParametricObjective.Huber(1e-3, 1e-3), 1e-20);
        Assert.Equal(1e-3 * (0.01 - 0.5e-3), ParametricObjective.Huber(0.01, 1e-3), 1e-18);
        Assert.Equal(ParametricObjective.Huber(0.02, 1e-3), ParametricObjective.Huber(-0.02, 1e-3));
    }

    [Fact]
    public void Subset_WithRepeats_SumsTheRepeatedPoints()
    {
        double[] p = [Math.Log(477.8), Math.Log(2143.9), Math.Log(1.8172), 0.3473, 0.3672];

        double once = Objective.Subset([0, 1, 2]).Value(p);
        double twice = Objective.Subset([0, 1, 2, 0, 1, 2]).Value(p);

        Assert.Equal(2 * once, twice, 1e-18);
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        double[] p = [6.2, 7.7, 0.6, 0.35, 0.37];
        var gradient = new double[5];
        Objective.Evaluate(p, gradient);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Objective.Evaluate(p, gradient);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Constructor_NonFiniteLogs_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ParametricObjective([1.0, double.NaN], [1.0, 2.0], [0.5, 0.6]));

        Assert.Contains("Point 1", ex.Message);
    }
}
