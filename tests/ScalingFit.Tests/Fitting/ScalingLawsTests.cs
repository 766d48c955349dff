using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting;

public class ScalingLawsTests
{
    [Fact]
    public void ShortPaths_SimulatedSweeps_RecoverTheExponentWithIntervals()
    {
        var options = new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.003, Seed: 21);
        double truth = ParametricLaw.Paper.ExponentA;

        var isoFlop = ScalingLaws.FitIsoFlop(SweepSimulator.IsoFlop(options), bootstrap: 100);
        var envelope = ScalingLaws.FitEnvelope(SweepSimulator.Curves(options, SweepSimulator.LogSpace(4.4e7, 3e9, 8)), bootstrap: 50);

        Assert.InRange(isoFlop.ExponentA.Value, truth - 0.03, truth + 0.03);
        Assert.InRange(envelope.ExponentA.Value, truth - 0.05, truth + 0.05);
        Assert.NotNull(isoFlop.ExponentA.Interval);
        Assert.NotNull(envelope.ExponentA.Interval);
    }

    [Fact]
    public void LossFrontiers_FitAllWithoutOptions_UsesEachFitsOwnBootstrapAndReusesTheParametricRefits()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 8));
        var bootstrap = new BootstrapOptions(40, Level: 0.9, Seed: 17);
        var fits = ScalingLaws.FitAll(sweep, new FitAllOptions([Approach.IsoFlop, Approach.Parametric],
            IsoFlop: IsoFlopFitOptions.Default with { Bootstrap = bootstrap },
            Parametric: ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = bootstrap }));

        var frontiers = ScalingLaws.LossFrontiers(fits);

        Assert.Equal([Approach.IsoFlop, Approach.Parametric], frontiers.Select(f => f.Approach));
        Assert.All(frontiers, f => Assert.True(f.Succeeded, f.FailureReason));
        Assert.All(frontiers, f => Assert.Equal((40, 0.9, 17L), (f.ResamplesRequested, f.Level, f.Seed)));
        // The parametric band is the fit's own 40 refits, not a new bootstrap.
        var parametric = (ParametricFitResult)fits[Approach.Parametric]!;
        var law = (LawFrontierCurve)frontiers[1].Resamples[0];
        Assert.Equal(parametric.Bootstrap!.Samples("E")[0], law.Law.E);
        Assert.Equal(parametric.Bootstrap.Samples("alpha")[^1], ((LawFrontierCurve)frontiers[1].Resamples[^1]).Law.Alpha);
    }

    [Fact]
    public void LossFrontiers_FailedFit_IsAnUnfittedFrontierNotAnException()
    {
        var sweep = new RunSet([new Run("a", 1e8, 1e9, 6e17, 3.0, 6e17), new Run("b", 2e8, 5e8, 6e17, 3.1, 6e17)]);
        var failed = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });

        var frontier = Assert.Single(ScalingLaws.LossFrontiers(FitAllResult.Of(failed, sweep)));

        Assert.False(frontier.Succeeded);
        Assert.Contains("IsoFLOP fit failed", frontier.FailureReason);
    }
}
