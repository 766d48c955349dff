using ScalingFit.Core;
using ScalingFit.Fitting;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.Backtest;

public class BacktesterTests(ITestOutputHelper output)
{
    private static readonly ParametricLaw Law = ParametricLaw.Paper;

    private static BacktestOptions Options(int resamples) => new(
        Parametric: ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse },
        Frontier: LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(resamples) });

    private static double MeanError(double noise, Approach approach, int seeds)
    {
        double total = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: noise, Seed: seed));
            var cutoffs = Backtester.CutoffsForHeldOutBudgets(sweep, [2]);
            var result = Backtester.Run(sweep, approach, cutoffs, Options(0));
            Assert.Null(result.Cutoffs[0].Failure);
            total += result.Cutoffs[0].MeanAbsoluteRelativeLossError;
        }
        return total / seeds;
    }

    [Theory]
    [InlineData(Approach.IsoFlop)]
    [InlineData(Approach.Parametric)]
    public void Backtest_NoiseFreeSweep_ErrorsNearZeroAndGrowWithNoise(Approach approach)
    {
        double clean = MeanError(0, approach, 1);
        double some = MeanError(0.005, approach, 4);
        double more = MeanError(0.02, approach, 4);
        output.WriteLine($"{approach}: mean |relative loss error| holding out 2 of 9 budgets: noise 0 → {clean:P3}, 0.5% → {some:P3}, 2% → {more:P3}");

        Assert.True(clean < 0.001, $"noise-free error {clean:P3}");
        Assert.True(some > clean);
        Assert.True(more > some);
    }

    [Fact]
    public void Backtest_EnvelopeWithFinalRunsPastTheCutoff_MeasuresExtrapolationFromTheCutCurves()
    {
        // The final runs (an IsoFLOP sweep up to 3e21) stay in the training set; the envelope sees only the curves,
        // cut at the cutoff, so "× data" must be measured from the cut curves, not from the runs.
        var curves = SweepSimulator.Curves(new SimulationOptions(Law, NoiseSigma: 0.002, Seed: 2), SweepSimulator.LogSpace(4e7, 4e9, 12));
        var iso = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 1));
        var sweep = iso with { Curves = curves.Curves };
        const double cutoff = 3e19;

        var result = Backtester.Run(sweep, Approach.Envelope, [cutoff], Options(0));

        var cut = result.Cutoffs[0];
        Assert.Null(cut.Failure);
        Assert.NotEmpty(cut.Targets);
        Assert.All(cut.Targets, t => Assert.InRange(t.ExtrapolationFactor, t.Flops / cutoff * 0.9999, t.Flops / cutoff * 1.5));
        Assert.True(cut.Targets.Max(t => t.ExtrapolationFactor) > 10, "targets reach well past the cut curves");
    }

    [Fact]
    public void CutoffsForHeldOutBudgets_SitBetweenBudgets()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005));

        var cutoffs = Backtester.CutoffsForHeldOutBudgets(sweep, [1, 3]);

        Assert.Equal(Math.Sqrt(1e21 * 3e21), cutoffs[0], 1e21 * 1e-6);
        Assert.Equal(Math.Sqrt(3e20 * 6e20), cutoffs[1], 1e20 * 1e-6);
        var ex = Assert.Throws<ArgumentException>(() => Backtester.CutoffsForHeldOutBudgets(sweep, [8]));
        Assert.Contains("Hold out at most 7", ex.Message);
    }

    [Fact]
    public void Backtest_IsoFlop_ReportsHeldOutMinimaWithCoverage()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005, Seed: 4));

        var result = Backtester.Run(sweep, Approach.IsoFlop, Backtester.CutoffsForHeldOutBudgets(sweep, [1, 2, 3]), Options(200));

        Assert.Equal([1, 2, 3], result.Cutoffs.Select(c => c.Targets.Count));
        foreach (var c in result.Cutoffs)
        {
            Assert.All(c.Targets, t => Assert.Equal(BacktestTargetKind.BudgetMinimum, t.Kind));
            Assert.All(c.Targets, t => Assert.NotNull(t.LossCovered));
            Assert.True(c.MeanAbsoluteLogRatioParameterCount < 0.2);
        }
        Assert.True(result.Cutoffs[2].Targets.Max(t => t.ExtrapolationFactor) > result.Cutoffs[0].Targets.Max(t => t.ExtrapolationFactor));
    }

    [Fact]
    public void Backtest_CutoffLeavingTooFewRuns_FailsWithAReason()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(Law, NoiseSigma: 0.005), budgets: [1e19, 1e20, 1e21]);

        var result = Backtester.Run(sweep, Approach.IsoFlop, [5e19], Options(0));

        Assert.Empty(result.Cutoffs[0].Targets);
        Assert.Contains("IsoFLOP fit", result.Cutoffs[0].Failure);
    }
}
