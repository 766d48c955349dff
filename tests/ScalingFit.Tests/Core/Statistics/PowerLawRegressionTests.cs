using ScalingFit.Core;

namespace ScalingFit.Tests.Core.Statistics;

public class PowerLawRegressionTests
{
    [Fact]
    public void Fit_NoiselessPowerLaw_RecoversExponentAndCoefficientExactly()
    {
        double[] x = [1e18, 1e19, 1e20, 1e21, 1e22];
        var y = x.Select(c => 0.1 * Math.Pow(c, 0.5)).ToArray();

        var fit = PowerLawRegression.Fit(x, y);

        Assert.Equal(0.5, fit.Exponent, 12);
        Assert.Equal(0.1, fit.Coefficient, 10);
        Assert.Equal(1.0, fit.RSquared, 12);
        Assert.Equal(5, fit.Count);
        Assert.Equal(0.1 * Math.Pow(3e20, 0.5), fit.Predict(3e20), 1e-3);
    }

    [Fact]
    public void Fit_SeededNoisyData_RecoversExponentWithinThreeStandardErrors()
    {
        var rng = new SeededRandom(42);
        var x = Enumerable.Range(0, 40).Select(i => Math.Pow(10, 18 + i * 0.1)).ToArray();
        var y = x.Select(c => 2.0 * Math.Pow(c, 0.46) * Math.Exp(0.05 * rng.NextGaussian())).ToArray();

        var fit = PowerLawRegression.Fit(x, y);

        // Noise 0.05 over 4 decades of ln x (SD ≈ 2.7) with 40 points: SE ≈ 0.05 / (2.7·√40) ≈ 0.003.
        Assert.InRange(fit.Exponent, 0.46 - 0.01, 0.46 + 0.01);
        Assert.InRange(fit.ExponentStandardError, 0.001, 0.006);
        Assert.True(fit.ExponentInterval!.Value.Contains(0.46));
    }

    [Fact]
    public void Fit_ThousandSeededSimulations_SlopeIntervalCoversTruthAtNominalRate()
    {
        const double truth = 0.5;
        int covered = 0;
        for (int s = 0; s < 1000; s++)
        {
            var rng = new SeededRandom(1000 + s);
            double[] x = [1e18, 3e18, 1e19, 3e19, 1e20, 3e20, 1e21, 3e21];
            var y = x.Select(c => Math.Pow(c, truth) * Math.Exp(0.1 * rng.NextGaussian())).ToArray();
            if (PowerLawRegression.Fit(x, y, level: 0.95).ExponentInterval!.Value.Contains(truth))
                covered++;
        }

        Assert.InRange(covered, 930, 970);
    }

    [Fact]
    public void Fit_WeightedPairs_IgnoresZeroWeightOutlier()
    {
        double[] x = [1, 10, 100, 1000];
        double[] y = [1, 10, 100, 1e9];
        double[] w = [1, 1, 1, 0];

        var fit = PowerLawRegression.Fit(x, y, w);

        Assert.Equal(1.0, fit.Exponent, 12);
    }

    [Fact]
    public void Fit_TwoPairs_GivesSlopeButNoInterval()
    {
        var fit = PowerLawRegression.Fit([1.0, 100.0], [2.0, 20.0]);

        Assert.Equal(0.5, fit.Exponent, 12);
        Assert.Null(fit.ExponentInterval);
    }

    [Theory]
    [InlineData(0.0, 1.0, "x[1]")]
    [InlineData(-5.0, 1.0, "x[1]")]
    [InlineData(2.0, 0.0, "y[1]")]
    [InlineData(2.0, double.NaN, "y[1]")]
    [InlineData(double.PositiveInfinity, 1.0, "x[1]")]
    public void Fit_NonPositiveOrNonFiniteInput_IsRejectedNamingTheIndex(double x1, double y1, string named)
    {
        var ex = Assert.Throws<ArgumentException>(() => PowerLawRegression.Fit([1.0, x1, 3.0], [1.0, y1, 3.0]));

        Assert.Contains(named, ex.Message);
        Assert.Contains("positive", ex.Message);
    }

    [Fact]
    public void Fit_AllXEqual_IsRejectedWithReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => PowerLawRegression.Fit([5.0, 5.0, 5.0], [1.0, 2.0, 3.0]));

        Assert.Contains("All x are equal", ex.Message);
    }
}
