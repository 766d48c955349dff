using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Prediction;

public class SaturatingPowerLawTests
{
    private static readonly double[] Flops = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21, 3e21];

    [Fact]
    public void Fit_ExactPointsWithFreeAsymptote_RecoversEAAndGamma()
    {
        var truth = new SaturatingPowerLaw(1.69, 1070, 0.154);
        var loss = Flops.Select(truth.Loss).ToArray();

        var fit = SaturatingPowerLawRegression.Fit(Flops, loss, null, out var failure);

        Assert.Null(failure);
        Assert.NotNull(fit);
        Assert.Equal(1.69, fit.Law.E, 4);
        Assert.Equal(0.154, fit.Law.Gamma, 4);
        Assert.Equal(1070, fit.Law.A, 1070 * 1e-2);
        Assert.False(fit.EAtBound);
        Assert.True(fit.ResidualStandardDeviation < 1e-6);
    }

    [Fact]
    public void Fit_PinnedAsymptote_UsesItAndRecoversTheRest()
    {
        var truth = new SaturatingPowerLaw(1.5, 300, 0.12);
        var loss = Flops.Select(truth.Loss).ToArray();

        var fit = SaturatingPowerLawRegression.Fit(Flops, loss, 1.5, out _);

        Assert.NotNull(fit);
        Assert.True(fit.EPinned);
        Assert.Equal(1.5, fit.Law.E);
        Assert.Equal(0.12, fit.Law.Gamma, 10);
        Assert.Equal(300, fit.Law.A, 1e-6);
        Assert.Equal(Flops.Length - 2, fit.DegreesOfFreedom);
    }

    [Fact]
    public void Fit_PinnedAsymptoteAboveALoss_FailsWithReason()
    {
        var loss = Flops.Select(new SaturatingPowerLaw(1.5, 300, 0.12).Loss).ToArray();

        var fit = SaturatingPowerLawRegression.Fit(Flops, loss, loss.Min() + 0.01, out var failure);

        Assert.Null(fit);
        Assert.Contains("not below the least loss", failure);
    }

    [Fact]
    public void Fit_TooFewPoints_FailsWithReason()
    {
        var fit = SaturatingPowerLawRegression.Fit([1e18, 1e19, 1e20], [3.0, 2.8, 2.7], null, out var failure);

        Assert.Null(fit);
        Assert.Contains("at least 4", failure);
    }

    [Fact]
    public void FlopsForLoss_InvertsLoss()
    {
        var law = new SaturatingPowerLaw(1.69, 1070, 0.154);

        Assert.Equal(1e22, law.FlopsForLoss(law.Loss(1e22)), 1e22 * 1e-9);
        Assert.True(double.IsNaN(law.FlopsForLoss(1.6)));
    }
}
