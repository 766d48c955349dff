using ScalingFit.Core.Domain;
using ScalingFit.Core.Laws;
using ScalingFit.Core.Simulation;
using ScalingFit.Core.Statistics;
using ScalingFit.Fitting;
using ScalingFit.Fitting.Backtest;
using ScalingFit.Fitting.Comparison;
using ScalingFit.Fitting.IsoFlop;
using ScalingFit.Fitting.Prediction;
using ScalingFit.Plotting;
using ScalingFit.Plotting.Figures;
using ScalingFit.Plotting.Svg;

namespace ScalingFit.Tests.Plotting.Figures;

public class PredictionFiguresTests
{
    private static LossFrontier Frontier(ParametricLaw law, long seed)
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(law, NoiseSigma: 0.005, Seed: seed));
        return LossFrontierFitter.Fit(IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None }), sweep,
            LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(100, Seed: seed) });
    }

    [Fact]
    public void Frontier_DrawsBandLineFittedAndHeldOutPoints()
    {
        var chart = PredictionFigures.Frontier([Frontier(ParametricLaw.Paper, 1)], [new DataPoint(3e21, 2.23)]);

        Assert.Contains(chart.Series, s => s is BandSeries);
        Assert.Contains(chart.Series, s => s is LineSeries { Label: { } l } && l.StartsWith("Approach 2 (IsoFLOP): L* = ", StringComparison.Ordinal));
        Assert.Contains(chart.Series, s => s is ScatterSeries { Label: "Held out" });
        Assert.Contains("Compute-optimal loss", SvgChartRenderer.Default.Render(chart));
    }

    [Fact]
    public void Comparison_AnnotatesTheMultiplierAtEachBudget()
    {
        var variantLaw = ParametricLaw.Paper with { B = ParametricLaw.Paper.B * Math.Pow(3, -ParametricLaw.Paper.Beta) };
        var comparison = FrontierComparer.Compare(Frontier(ParametricLaw.Paper, 1), Frontier(variantLaw, 2), [1e19, 1e21]);

        var svg = SvgChartRenderer.Default.Render(PredictionFigures.Comparison(comparison));

        Assert.Equal(2, PredictionFigures.Comparison(comparison).Series.OfType<MarkerAnnotation>().Count());
        Assert.Matches(@"k = [23]\.\d\d×", svg);
    }

    [Fact]
    public void PredictedAgainstObserved_OnePointPerHeldOutValue()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 3));
        var result = Backtester.Run(sweep, Approach.IsoFlop, Backtester.CutoffsForHeldOutBudgets(sweep, [3]),
            new BacktestOptions(Frontier: LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(50) }));

        var chart = PredictionFigures.PredictedAgainstObserved([result]);

        Assert.Equal(3, chart.Series.OfType<ScatterSeries>().Single().Points.Count);
    }
}
