using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Parametric;

/// <summary>
/// Recovery on simulated sweeps with a known law and seeded multiplicative noise. The coarse grid (108 starts) is used
/// for speed: on these sweeps it reaches the paper grid's optimum (checked in the first test).
/// </summary>
public class ParametricRecoveryTests
{
    private static readonly ParametricFitOptions Coarse = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse };

    public static TheoryData<string, double, double, double, double, double> Laws => new()
    {
        // name, E, A, B, alpha, beta
        { "paper", 1.69, 406.4, 410.7, 0.34, 0.28 },
        { "epoch", 1.8172, 477.8, 2143.9, 0.3473, 0.3672 },
        { "data-hungry", 2.0, 300, 3000, 0.30, 0.45 },
    };

    private static RunSet IsoFlop(ParametricLaw law, double noise, long seed) =>
        SweepSimulator.IsoFlop(new SimulationOptions(law, noise, seed), null, 9);

    [Theory]
    [MemberData(nameof(Laws))]
    public void Fit_NoisyIsoFlopSweep_RecoversTheExponentsWithinTolerance(string name, double e, double a, double b, double alpha, double beta)
    {
        // 81 runs (9 budgets × 9 sizes), 0.2% noise. Over seeds 0–19 the worst errors were 0.011 (α), 0.017 (β, the
        // data-hungry law) and 0.009 (a); the tolerances leave about 50% headroom: ±0.025 for α and β, ±0.015 for a.
        var law = new ParametricLaw(e, a, b, alpha, beta);
        for (int seed = 0; seed < 5; seed++)
        {
            var result = ParametricFitter.Fit(IsoFlop(law, 0.002, seed), Coarse);

            Assert.False(result.HasErrors, name);
            Assert.Equal(alpha, result.Law.Alpha, 0.025);
            Assert.Equal(beta, result.Law.Beta, 0.025);
            Assert.Equal(law.ExponentA, result.ExponentA.Value, 0.015);
        }
    }

    [Fact]
    public void Fit_NoiselessGridSweep_RecoversTheLawClosely()
    {
        var law = ParametricLaw.Paper;
        var runs = SweepSimulator.Grid(new SimulationOptions(law, 0, 0), SweepSimulator.LogSpace(1e7, 1e11, 9), SweepSimulator.LogSpace(1e8, 1e12, 9));

        var result = ParametricFitter.Fit(runs, ParametricFitOptions.Default);

        Assert.True(result.Objective < 1e-12, $"objective {result.Objective}");
        Assert.Equal(law.Alpha, result.Law.Alpha, 1e-4);
        Assert.Equal(law.Beta, result.Law.Beta, 1e-4);
        Assert.Equal(law.E, result.Law.E, 1e-4);
        Assert.Equal(law.A, result.Law.A, law.A * 1e-3);
        Assert.Equal(law.B, result.Law.B, law.B * 1e-3);
    }

    [Fact]
    public void Fit_CoarseGrid_ReachesThePaperGridOptimumOnSimulatedSweeps()
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var runs = IsoFlop(ParametricLaw.Paper, 0.01, seed);

            var coarse = ParametricFitter.Fit(runs, Coarse);
            var paper = ParametricFitter.Fit(runs, ParametricFitOptions.Default);

            Assert.Equal(paper.Objective, coarse.Objective, 1e-12);
        }
    }

    [Fact]
    public void Bootstrap_IntervalOfA_CoversTheTruthInAtLeast90PercentOf100Sweeps()
    {
        // 100 seeded IsoFLOP sweeps of the paper's law (9 budgets × 7 sizes = 63 runs, 1% noise), each fitted from the
        // coarse grid with 200 warm-started bootstrap refits (200 rather than 1,000 to keep this a few seconds).
        var law = ParametricLaw.Paper;
        int covered = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var runs = SweepSimulator.IsoFlop(new SimulationOptions(law, 0.01, seed), null, 7);
            var result = ParametricFitter.Fit(runs, Coarse with { Bootstrap = BootstrapOptions.Default with { Resamples = 200, Seed = seed } });

            Assert.Equal(200, result.Bootstrap!.Succeeded);
            if (result.ExponentA.Interval!.Value.Contains(law.ExponentA))
                covered++;
        }

        Assert.True(covered >= 90, $"the 95% interval of a covered the truth in {covered} of 100 sweeps");
    }
}
