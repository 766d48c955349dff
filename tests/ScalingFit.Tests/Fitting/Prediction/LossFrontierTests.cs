using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Prediction;

public class LossFrontierTests
{
    private static readonly ParametricLaw Law = ParametricLaw.Paper;

    [Fact]
    public void IsoFlop_NoiseFreeSweep_FrontierMatchesTheLawsFrontierOutsideTheData()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0));
        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });

        var frontier = LossFrontierFitter.Fit(fit, sweep, LossFrontierOptions.Default with { Bootstrap = BootstrapOptions.None });

        Assert.True(frontier.Succeeded, frontier.FailureReason);
        double c = 3e22; // 10× past the largest budget
        var p = frontier.Predict(c);
        Assert.Equal(Law.ForBudget(c).Loss, p.Loss.Value, 0.01);
        Assert.Equal(10, p.ExtrapolationFactor, 0.5);
        Assert.Equal(Law.OptimalParameterCount(c), p.ParameterCount.Value, Law.OptimalParameterCount(c) * 0.05);
        Assert.Equal(SweepSimulator.PaperBudgets.Count, frontier.Observations.Count);
    }

    [Fact]
    public void IsoFlop_NoisySweep_BandContainsTheTruthAndSameSeedGivesSameBand()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 3));
        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
        var options = LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(300, Seed: 5) };

        var one = LossFrontierFitter.Fit(fit, sweep, options).Predict(1e22);
        var two = LossFrontierFitter.Fit(fit, sweep, options with { Bootstrap = options.Bootstrap! with { Threads = 1 } }).Predict(1e22);

        double truth = Law.ForBudget(1e22).Loss;
        Assert.True(one.Loss.Interval!.Value.Contains(truth), $"{one.Loss.Interval} misses {truth}");
        Assert.True(one.PredictionInterval!.Value.Width >= one.Loss.Interval!.Value.Width);
        Assert.Equal(one.Loss.Interval, two.Loss.Interval);
        Assert.Equal(one.PredictionInterval, two.PredictionInterval);
    }

    [Fact]
    public void IsoFlop_ResidualResampling_BandIsDeterministicWhateverTheThreadsAndDiffersFromRunResampling()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 4));
        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
        var options = LossFrontierOptions.Default with { Resampling = BudgetResampling.Residuals, Bootstrap = new BootstrapOptions(300, Seed: 5, Threads: 2) };

        var one = LossFrontierFitter.Fit(fit, sweep, options);
        var two = LossFrontierFitter.Fit(fit, sweep, options with { Bootstrap = options.Bootstrap! with { Threads = 1 } });
        var runs = LossFrontierFitter.Fit(fit, sweep, options with { Resampling = BudgetResampling.Runs });

        Assert.Equal(300, one.Resamples.Count);
        Assert.Equal(one.Predict(1e22).Loss.Interval, two.Predict(1e22).Loss.Interval);
        Assert.NotEqual(one.Predict(1e22).Loss.Interval, runs.Predict(1e22).Loss.Interval);
        Assert.Equal(runs.Predict(1e22).Loss.Value, one.Predict(1e22).Loss.Value, 12);
        Assert.True(one.Predict(1e22).Loss.Interval!.Value.Contains(Law.ForBudget(1e22).Loss));
    }

    [Fact]
    public void IsoFlop_ResidualResamplingOnANoiseFreeParabolaSweep_GivesAZeroWidthBand()
    {
        // Every budget an exact parabola in ln N: no residual, so every resample is the data and the band collapses.
        var runs = new List<Run>();
        foreach (var c in new[] { 1e19, 1e20, 1e21, 1e22, 1e23 })
        {
            double centre = Math.Log(Law.OptimalParameterCount(c));
            double floor = Law.ForBudget(c).Loss;
            for (int j = -4; j <= 4; j++)
            {
                double n = Math.Exp(centre + 0.4 * j);
                runs.Add(new Run($"{c}-{j}", n, c / (6 * n), c, floor + 0.03 * 0.16 * j * j, c));
            }
        }
        var sweep = new RunSet(runs);
        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });

        var frontier = LossFrontierFitter.Fit(fit, sweep, LossFrontierOptions.Default with { Resampling = BudgetResampling.Residuals, Bootstrap = new BootstrapOptions(50) });

        var band = frontier.Predict(3e23).Loss;
        Assert.Equal(band.Value, band.Interval!.Value.Low, 9);
        Assert.Equal(band.Value, band.Interval!.Value.High, 9);
    }

    [Fact]
    public void IsoFlop_AkimaValleyWithResidualResampling_ResamplesRunsAndSaysSo()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 6));
        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });
        var options = LossFrontierOptions.Default with { Valley = ValleyMethod.Akima, Bootstrap = new BootstrapOptions(100, Seed: 1) };

        var residuals = LossFrontierFitter.Fit(fit, sweep, options with { Resampling = BudgetResampling.Residuals });
        var runs = LossFrontierFitter.Fit(fit, sweep, options with { Resampling = BudgetResampling.Runs });

        Assert.Contains(residuals.Diagnostics, d => d.Code == DiagnosticCodes.ResidualBootstrap.Code && d.Message.Contains("needs parabola valleys", StringComparison.Ordinal));
        Assert.Equal(runs.Predict(1e22).Loss.Interval, residuals.Predict(1e22).Loss.Interval);
    }

    [Fact]
    public void Parametric_Frontier_IsTheLawsFrontierWithABand()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 1));
        // No bootstrap in the fit (the default became 1,000 resamples): the frontier's own 200 resamples make the band.
        var fit = ParametricFitter.Fit(sweep, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = BootstrapOptions.None });

        var frontier = LossFrontierFitter.Fit(fit, sweep, LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(200) });

        var p = frontier.Predict(1e23);
        Assert.Equal(fit.Law.ForBudget(1e23).Loss, p.Loss.Value, 12);
        Assert.NotNull(p.Loss.Interval);
        Assert.Equal(200, frontier.ResamplesRequested);
        var at = frontier.PredictAt(1e9, 2e10)!;
        Assert.Equal(fit.Law.Loss(1e9, 2e10), at.Loss.Value, 12);
        Assert.Equal(6 * 1e9 * 2e10, at.Flops, 1);
        Assert.InRange(frontier.ResidualStandardDeviation, 0.002, 0.01);
    }

    [Fact]
    public void Envelope_SimulatedCurves_FrontierNearTheLaw()
    {
        var sweep = SweepSimulator.Curves(new SimulationOptions(Law, NoiseSigma: 0.002, Seed: 2), SweepSimulator.LogSpace(4e7, 4e9, 12));
        var fit = ScalingLaws.FitEnvelope(sweep, bootstrap: 0);
        Assert.True(fit.Succeeded);

        var frontier = LossFrontierFitter.Fit(fit, sweep, LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(50) });

        Assert.True(frontier.Succeeded, frontier.FailureReason);
        double c = frontier.DataFlops.Max;
        var p = frontier.Predict(c);
        Assert.Equal(Law.ForBudget(c).Loss, p.Loss.Value, 0.1);
        Assert.True(frontier.Resamples.Count > 40);
        Assert.Contains(frontier.Diagnostics, d => d.Code == DiagnosticCodes.EnvelopeBandScope.Code);
    }

    [Fact]
    public void Envelope_LossInterval_IsTheBasicIntervalOfTheResamplesOnTheLogScale()
    {
        var sweep = SweepSimulator.Curves(new SimulationOptions(Law, NoiseSigma: 0.002, Seed: 2), SweepSimulator.LogSpace(4e7, 4e9, 12));
        var frontier = LossFrontierFitter.Fit(ScalingLaws.FitEnvelope(sweep, bootstrap: 0), sweep,
            LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(80) });
        Assert.True(frontier.Succeeded && frontier.BasicLossInterval, frontier.FailureReason);
        double c = frontier.DataFlops.Max * 3;

        var p = frontier.Predict(c);

        var sorted = frontier.Resamples.Select(r => r.Loss(c)).Order().ToArray();
        double lo = Percentile.OfSorted(sorted, 0.025), hi = Percentile.OfSorted(sorted, 0.975), central = p.Loss.Value;
        Assert.Equal(central * central / hi, p.Loss.Interval!.Value.Low, 12);
        Assert.Equal(central * central / lo, p.Loss.Interval!.Value.High, 12);
        Assert.Equal(p.Loss.Interval, frontier.LossInterval(c));
    }

    [Fact]
    public void IsoFlop_LossInterval_IsThePercentileIntervalOfTheResamples()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 3));
        var frontier = LossFrontierFitter.Fit(ScalingLaws.FitIsoFlop(sweep, bootstrap: 0), sweep,
            LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(80) });
        Assert.True(frontier.Succeeded && !frontier.BasicLossInterval, frontier.FailureReason);

        var p = frontier.Predict(1e22);

        var sorted = frontier.Resamples.Select(r => r.Loss(1e22)).Order().ToArray();
        Assert.Equal(Percentile.OfSorted(sorted, 0.025), p.Loss.Interval!.Value.Low, 12);
        Assert.Equal(Percentile.OfSorted(sorted, 0.975), p.Loss.Interval!.Value.High, 12);
    }

    [Fact]
    public void FailedFit_GivesAnUnfittedFrontierWithAReason()
    {
        var sweep = new RunSet([new Run("a", 1e8, 1e9, 6e17, 3.0, 6e17), new Run("b", 2e8, 5e8, 6e17, 3.1, 6e17)]);
        var fit = IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None });

        var frontier = LossFrontierFitter.Fit(fit, sweep);

        Assert.False(frontier.Succeeded);
        Assert.Contains("IsoFLOP fit failed", frontier.FailureReason);
        Assert.Throws<InvalidOperationException>(() => frontier.Predict(1e20));
    }
}
