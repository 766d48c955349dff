using ScalingFit.Core;

namespace ScalingFit.Tests.Core.Simulation;

public class SweepSimulatorCurvesTests
{
    private static readonly double[] Sizes = SweepSimulator.LogSpace(5e7, 5e9, 7);

    [Fact]
    public void Curves_SameSeed_GivesIdenticalSweeps()
    {
        var options = new SimulationOptions(ParametricLaw.Paper, 0.01, Seed: 42);
        var first = SweepSimulator.Curves(options, Sizes);
        var second = SweepSimulator.Curves(options, Sizes);
        var other = SweepSimulator.Curves(options with { Seed = 43 }, Sizes);

        Assert.Equal(first.Curves.Count, second.Curves.Count);
        for (int i = 0; i < first.Curves.Count; i++)
            Assert.Equal(first.Curves[i].Points, second.Curves[i].Points);
        Assert.NotEqual(first.Curves[0].Points, other.Curves[0].Points);
    }

    [Fact]
    public void Curves_EachSizeHasFiveHorizonsSpanningSixteenfold_EachItsOwnRun()
    {
        var sweep = SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, 0.01), Sizes);

        Assert.Equal(Sizes.Length * 5, sweep.Curves.Count);
        Assert.Equal(sweep.Curves.Count, sweep.Curves.Select(c => c.RunId).Distinct().Count());
        Assert.Equal(sweep.Curves.Select(c => c.RunId), sweep.Runs.Select(r => r.RunId));
        Assert.True(sweep.HasCurves);
        foreach (var group in sweep.Curves.GroupBy(c => c.ParameterCount))
        {
            var horizons = group.Select(c => c.FinalTokenCount).Order().ToArray();
            Assert.Equal(5, horizons.Length);
            Assert.Equal(16, horizons[^1] / horizons[0], 9);
            for (int j = 1; j < horizons.Length; j++)
                Assert.Equal(2, horizons[j] / horizons[j - 1], 9);
        }
    }

    [Fact]
    public void Curves_ByDefault_HorizonsAreCentredOnTheComputeOptimalTokens()
    {
        var law = ParametricLaw.Paper;
        var sweep = SweepSimulator.Curves(new SimulationOptions(law, 0), Sizes);

        foreach (var group in sweep.Curves.GroupBy(c => c.ParameterCount))
        {
            double geometricCentre = Math.Exp(group.Average(c => Math.Log(c.FinalTokenCount)));
            double optimal = law.ForParameterCount(group.Key).TokenCount;
            Assert.Equal(1.0, geometricCentre / optimal, 9);
        }
    }

    [Fact]
    public void Curves_CheckpointsAreLogSpacedUpToTheHorizon()
    {
        var design = CurveDesign.Default with { CheckpointsPerRun = 12, FirstCheckpointFraction = 1.0 / 64 };
        var sweep = SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, 0.01), Sizes, design);

        foreach (var curve in sweep.Curves)
        {
            Assert.Equal(12, curve.Points.Count);
            double h = curve.FinalTokenCount;
            Assert.Equal(h / 64, curve.Points[0].TokenCount, h * 1e-12);
            var ratios = curve.Points.Zip(curve.Points.Skip(1), (p, q) => q.TokenCount / p.TokenCount).ToArray();
            Assert.All(ratios, r => Assert.Equal(ratios[0], r, 9));
        }
    }

    [Fact]
    public void Curves_WithoutNoise_FinalPointSitsOnTheLawAndEarlierPointsLieAbove()
    {
        var law = ParametricLaw.EpochReplication;
        var sweep = SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: 0), Sizes);

        foreach (var curve in sweep.Curves)
        {
            Assert.Equal(law.Loss(curve.ParameterCount, curve.FinalTokenCount), curve.FinalLoss, 12);
            foreach (var p in curve.Points.SkipLast(1))
                Assert.True(p.Loss > law.Loss(curve.ParameterCount, p.TokenCount), "an unfinished cosine cycle must cost loss");
        }
    }

    [Fact]
    public void ExpectedLoss_PenaltyIsTheRemainingCosineRateTimesKappaTimesTheReducibleLoss()
    {
        var law = ParametricLaw.Paper;
        var design = CurveDesign.Default with { CyclePenalty = 0.2 };
        double n = 1e9, h = 2e10;

        Assert.Equal(law.Loss(n, h), design.ExpectedLoss(law, n, h, h), 12);
        Assert.Equal(law.Loss(n, 2 * h), design.ExpectedLoss(law, n, 2 * h, h), 12);
        double t = h / 2, reducible = law.Loss(n, t) - law.E;
        Assert.Equal(law.Loss(n, t) + 0.2 * reducible * 0.5, design.ExpectedLoss(law, n, t, h), 12);
        double early = h / 1e6, atStart = law.Loss(n, early);
        Assert.Equal(atStart + 0.2 * (atStart - law.E), design.ExpectedLoss(law, n, early, h), 9);
    }

    [Fact]
    public void Curves_NoiseIsMultiplicativeAndDrawnAfreshForEveryCheckpoint()
    {
        var law = ParametricLaw.Paper;
        var design = CurveDesign.Default;
        var sweep = SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: 0.01, Seed: 7), SweepSimulator.LogSpace(5e7, 5e9, 20), design);

        var logRatios = sweep.Curves.SelectMany(c => c.Points.Select(p =>
            Math.Log(p.Loss / design.ExpectedLoss(law, c.ParameterCount, p.TokenCount, c.FinalTokenCount)))).ToArray();
        double mean = logRatios.Average();
        double sd = Math.Sqrt(logRatios.Sum(v => (v - mean) * (v - mean)) / (logRatios.Length - 1));
        double lag1 = Enumerable.Range(1, logRatios.Length - 1).Sum(i => (logRatios[i] - mean) * (logRatios[i - 1] - mean)) / ((logRatios.Length - 1) * sd * sd);

        Assert.Equal(2000, logRatios.Length);
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(sd, 0.0093, 0.0107);
        Assert.InRange(lag1, -0.08, 0.08);
    }

    [Fact]
    public void Curves_OutlierRuns_AreInflatedAsAWhole()
    {
        var law = ParametricLaw.Paper;
        var sweep = SweepSimulator.Curves(new SimulationOptions(law, NoiseSigma: 0, OutlierFraction: 0.5, OutlierScale: 1.2), Sizes);

        var ratios = sweep.Curves.Select(c => c.FinalLoss / law.Loss(c.ParameterCount, c.FinalTokenCount)).ToArray();
        Assert.All(ratios, r => Assert.True(Math.Abs(r - 1) < 1e-12 || Math.Abs(r - 1.2) < 1e-12));
        Assert.Contains(ratios, r => r > 1.1);
        Assert.Contains(ratios, r => r < 1.1);
    }

    [Fact]
    public void Curves_FixedTokensPerParameter_SetsTheLongestHorizon()
    {
        var design = CurveDesign.Default with { MaxTokensPerParameter = 80, HorizonsPerSize = 4, HorizonSpan = 16 };
        var sweep = SweepSimulator.Curves(new SimulationOptions(ParametricLaw.Paper, 0.01), [1e8, 1e9], design);

        foreach (var group in sweep.Curves.GroupBy(c => c.ParameterCount))
        {
            Assert.Equal(80 * group.Key, group.Max(c => c.FinalTokenCount), 1e-3);
            Assert.Equal(5 * group.Key, group.Min(c => c.FinalTokenCount), 1e-3);
        }
    }

    [Fact]
    public void Curves_InvalidArguments_Throw()
    {
        var options = new SimulationOptions(ParametricLaw.Paper);
        Assert.Throws<ArgumentException>(() => SweepSimulator.Curves(options, []));
        Assert.Throws<ArgumentException>(() => SweepSimulator.Curves(options, [1e8, -1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSimulator.Curves(options, Sizes, CurveDesign.Default with { CheckpointsPerRun = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSimulator.Curves(options, Sizes, CurveDesign.Default with { FirstCheckpointFraction = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSimulator.Curves(options, Sizes, CurveDesign.Default with { HorizonsPerSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSimulator.Curves(options, Sizes, CurveDesign.Default with { CyclePenalty = -0.1 }));
    }
}
