using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Backtest;

public class SweepBacktesterTests
{
    private static FitAllResult Fit(RunSet runs, int resamples) => ScalingLaws.FitAll(runs, new FitAllOptions([Approach.IsoFlop, Approach.Parametric],
        IsoFlop: IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(resamples) },
        Parametric: ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = new BootstrapOptions(resamples) }));

    [Fact]
    public void Run_NineBudgets_HoldsOutTheTopOneAndTwoBudgetsOfEveryFit()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 6));
        var reports = new List<FitProgress>();

        var backtest = SweepBacktester.Run(Fit(sweep, 30), progress: new SynchronousProgress(reports));

        Assert.True(backtest.HasTargets);
        Assert.Null(backtest.SkipReason);
        Assert.Equal(2, backtest.Cutoffs.Count);
        Assert.InRange(backtest.Cutoffs[0], 1e21, 3e21);
        Assert.Equal([Approach.IsoFlop, Approach.Parametric], backtest.Results.Select(r => r.Approach));
        var iso = backtest.Results[0];
        Assert.Equal([1, 2], iso.Cutoffs.Select(c => c.Targets.Count));
        Assert.All(iso.Cutoffs, c => Assert.InRange(c.MeanAbsoluteRelativeLossError, 0, 0.02));
        // The frontier bootstrap is the fit's own, capped at MaxResamples.
        Assert.All(backtest.Results.SelectMany(r => r.Cutoffs), c => Assert.Equal(30, c.Frontier!.ResamplesRequested));
        Assert.Contains(reports, p => p is { Stage: FitStage.Backtest, Approach: Approach.Parametric, Completed: 2, Total: 2 });
    }

    [Fact]
    public void Run_TwoBudgets_NoBacktestAndSaysWhy()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 6), [1e19, 1e20]);

        var backtest = SweepBacktester.Run(Fit(sweep, 0));

        Assert.False(backtest.HasTargets);
        Assert.Empty(backtest.Results);
        Assert.StartsWith("No backtest: Holding out 1 of the 2 FLOP budgets leaves 1", backtest.SkipReason);
        Assert.Equal(DiagnosticCodes.NoBacktest.Code, Assert.Single(backtest.Diagnostics).Code);
    }

    private sealed class SynchronousProgress(List<FitProgress> reports) : IProgress<FitProgress>
    {
        public void Report(FitProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
