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
}
