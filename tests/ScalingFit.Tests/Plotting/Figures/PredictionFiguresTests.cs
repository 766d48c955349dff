using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Plotting;

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
        var figure = PredictionFigures.Frontier([Frontier(ParametricLaw.Paper, 1)], [(3e21, 2.23)]);

        string svg = figure.ToSvg();
        Assert.Contains("Compute-optimal loss", svg);
        Assert.Contains("Approach 2 (IsoFLOP): L* = ", svg);
        Assert.Contains("Held out", svg);
        Assert.Contains("fitted points", svg);
    }

    [Fact]
    public void Comparison_AnnotatesTheMultiplierAtEachBudget()
    {
        var variantLaw = ParametricLaw.Paper with { B = ParametricLaw.Paper.B * Math.Pow(3, -ParametricLaw.Paper.Beta) };
        var comparison = FrontierComparer.Compare(Frontier(ParametricLaw.Paper, 1), Frontier(variantLaw, 2), [1e19, 1e21]);

        var svg = PredictionFigures.Comparison(comparison).ToSvg();

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, @"k = [23]\.\d\d×").Count);
    }

    [Fact]
    public void PredictedAgainstObserved_OnePointPerHeldOutValue()
    {
        var sweep = SweepSimulator.IsoFlop(new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 3));
        var result = Backtester.Run(sweep, Approach.IsoFlop, Backtester.CutoffsForHeldOutBudgets(sweep, [3]),
            new BacktestOptions(Frontier: LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(50) }));

        var figure = PredictionFigures.PredictedAgainstObserved([result]);

        Assert.Equal(3, result.Cutoffs.Single().Targets.Count);
        Assert.Contains("predicted = observed", figure.ToSvg());
        Assert.True(figure.ToPng().Length > 1000);
    }
}
