using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Fitting.Parametric;

public class ParametricBootstrapTests
{
    private static readonly ParametricFitOptions DropFive = ParametricFitOptions.Default with { DropHighest = 5, Grid = ParametricGrid.Coarse };

    // The Python reference's 95% percentile intervals from 1,000 warm-started refits on resamples
    // results/bootstrap_indices_seed0.csv (shared/reference/README.md).
    private static readonly (string Name, double Low, double High)[] Reference =
    [
        ("alpha", 0.3157, 0.3705),
        ("beta", 0.3340, 0.4164),
        ("a", 0.4822, 0.5551),
        ("E", 1.770, 1.870),
    ];

    [SharedDataFact]
    public void Replay_ReferenceResamples_GivesTheReferenceIntervals()
    {
        var indexSets = Figure4Data.ReferenceIndexSets;
        Assert.Equal(1000, indexSets.Length);
        Assert.All(indexSets, set => Assert.Equal(240, set.Length));

        var result = ParametricFitter.Replay(Figure4Data.All, indexSets, DropFive);

        Assert.Equal(1000, result.Bootstrap!.Succeeded);
        Assert.Equal(0, result.BootstrapConvergence!.LimitRefits);
        foreach (var (name, low, high) in Reference)
        {
            var interval = result.Estimates[name].Interval!.Value;
            Assert.Equal(0.95, interval.Level);
            Assert.True(Math.Abs(interval.Low - low) <= 0.005 && Math.Abs(interval.High - high) <= 0.005,
                $"{name}: ({interval.Low:F4}, {interval.High:F4}) vs reference ({low}, {high})");
        }
    }

    [SharedDataFact]
    public void Bootstrap_Seeded1000Resamples_LandsNearTheReferenceIntervals()
    {
        // Our own resamples differ from numpy's, so only Monte Carlo agreement is expected: ±0.01.
        var result = ParametricFitter.Fit(Figure4Data.All, DropFive with { Bootstrap = BootstrapOptions.Default with { Resamples = 1000, Seed = 0 } });

        Assert.Equal(1000, result.Bootstrap!.Succeeded);
        foreach (var (name, low, high) in Reference.Where(r => r.Name != "E"))
        {
            var interval = result.Estimates[name].Interval!.Value;
            Assert.True(Math.Abs(interval.Low - low) <= 0.01 && Math.Abs(interval.High - high) <= 0.01,
                $"{name}: ({interval.Low:F4}, {interval.High:F4}) vs reference ({low}, {high})");
        }
    }

    [SharedDataFact]
    public void Bootstrap_PaperProtocol_Gives80PercentIntervalsFrom100Subsamples()
    {
        var result = ParametricFitter.Fit(Figure4Data.All, DropFive with { Bootstrap = BootstrapOptions.Paper });

        Assert.Equal(100, result.Bootstrap!.Requested);
        Assert.Equal(ResamplingScheme.Subsample, result.Bootstrap.Scheme);
        var a = result.ExponentA.Interval!.Value;
        Assert.Equal(0.80, a.Level);
        Assert.True(a.Contains(result.ExponentA.Value));
        // 80% subsamples vary less than full resamples: narrower than the reference's 80% interval (0.4933, 0.5420).
        Assert.InRange(a.Width, 0.005, 0.0487);
        Assert.Contains("80% interval", result.ToReport());
    }

    [SharedDataFact]
    public void Bootstrap_GridRefits_AgreeWithWarmRefitsOnTheFigure4Data()
    {
        // The reference found warm and full-grid refits within 2.7e-6 of each other on 35 resamples; check 8 with the coarse grid.
        var sets = Figure4Data.ReferenceIndexSets.Take(8).ToArray();

        var warm = ParametricFitter.Replay(Figure4Data.All, sets, DropFive);
        var grid = ParametricFitter.Replay(Figure4Data.All, sets, DropFive with { BootstrapStart = BootstrapStart.Grid });

        Assert.Equal(BootstrapStart.Grid, grid.BootstrapConvergence!.Start);
        var warmA = warm.Bootstrap!.Samples("a");
        var gridA = grid.Bootstrap!.Samples("a");
        for (int i = 0; i < sets.Length; i++)
            Assert.Equal(gridA[i], warmA[i], 1e-5);
    }

    [Fact]
    public void Bootstrap_OfAnExistingFit_EqualsBootstrappingDuringTheFit()
    {
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, 0.01, 11), null, 7);
        var bootstrap = BootstrapOptions.Default with { Resamples = 100, Seed = 4 };
        var options = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = BootstrapOptions.None };

        var together = ParametricFitter.Fit(runs, options with { Bootstrap = bootstrap });
        var fit = ParametricFitter.Fit(runs, options);
        var after = ParametricFitter.Bootstrap(runs, fit, bootstrap);

        Assert.Null(fit.Bootstrap);
        Assert.Equal(together.Bootstrap!.Samples("a"), after.Bootstrap!.Samples("a"));
        Assert.Equal(together.ExponentA, after.ExponentA);
        Assert.Equal(bootstrap, after.Options.Bootstrap);
        Assert.Equal(fit.Law, after.Law);
    }

    [Fact]
    public void Bootstrap_WithRunsTheFitWasNotMadeFrom_IsRejected()
    {
        var runs = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, 0.01, 11), null, 7);
        var other = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, 0.01, 12), null, 7);
        var fit = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse });

        var ex = Assert.Throws<ArgumentException>(() => ParametricFitter.Bootstrap(other, fit, BootstrapOptions.Default with { Resamples = 10 }));

        Assert.Contains("not the runs the fit was made from", ex.Message);
    }
}
