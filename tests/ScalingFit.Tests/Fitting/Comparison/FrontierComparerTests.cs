using ScalingFit.Core;
using ScalingFit.Fitting;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Fitting.Comparison;

/// <summary>
/// A variant simulated as the base law with compute scaled by k: D → k·D, i.e. B → B·k^(−β). Along the frontier
/// L*_variant(C) = L*_base(k·C) exactly, so the true multiplier is k at every budget.
/// </summary>
public class FrontierComparerTests(ITestOutputHelper output)
{
    private static readonly ParametricLaw Base = ParametricLaw.Paper;
    private static readonly double[] Budgets = [1e19, 1e20, 1e21];

    private static ParametricLaw ScaledCompute(double k) => Base with { B = Base.B * Math.Pow(k, -Base.Beta) };

    private static LossFrontier IsoFlopFrontier(RunSet sweep, long seed) =>
        LossFrontierFitter.Fit(IsoFlopFitter.Fit(sweep, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None }), sweep,
            LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(400, Seed: seed) });

    private static LossFrontier ParametricFrontier(RunSet sweep, long seed) =>
        LossFrontierFitter.Fit(ParametricFitter.Fit(sweep, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse }), sweep,
            LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(400, Seed: seed) });

    [Theory]
    [InlineData(1.5, "isoflop")]
    [InlineData(3.0, "isoflop")]
    [InlineData(1.5, "parametric")]
    [InlineData(3.0, "parametric")]
    public void Compare_VariantWithComputeScaledByK_RecoversKWithinItsInterval(double k, string approach)
    {
        var baseSweep = SweepSimulator.IsoFlop(new SimulationOptions(Base, NoiseSigma: 0.005, Seed: 21));
        var variantSweep = SweepSimulator.IsoFlop(new SimulationOptions(ScaledCompute(k), NoiseSigma: 0.005, Seed: 22));
        Func<RunSet, long, LossFrontier> frontier = approach == "isoflop" ? IsoFlopFrontier : ParametricFrontier;

        var comparison = FrontierComparer.Compare(frontier(baseSweep, 0), frontier(variantSweep, 1), Budgets);

        foreach (var p in comparison.Points)
        {
            output.WriteLine($"{approach} k = {k}: C = {p.Flops:0e+0}: k̂ = {p.Multiplier.Value:F3} ({p.Multiplier.Interval!.Value.Low:F3}, {p.Multiplier.Interval!.Value.High:F3})");
            Assert.True(p.Multiplier.Interval!.Value.Contains(k), $"C = {p.Flops}: {p.Multiplier.Interval} misses {k}");
            Assert.Equal(k, p.Multiplier.Value, k * 0.15);
            Assert.True(p.LossGap.Value > 0);
        }
    }

    [Fact]
    public void Compare_TwoSweepsFromOneLaw_MultiplierNearOneAndNoConfidentCrossing()
    {
        var one = SweepSimulator.IsoFlop(new SimulationOptions(Base, NoiseSigma: 0.005, Seed: 31));
        var two = SweepSimulator.IsoFlop(new SimulationOptions(Base, NoiseSigma: 0.005, Seed: 32));

        var comparison = FrontierComparer.Compare(IsoFlopFrontier(one, 0), IsoFlopFrontier(two, 1), Budgets);

        foreach (var p in comparison.Points)
        {
            Assert.True(p.Multiplier.Interval!.Value.Contains(1.0), $"C = {p.Flops}: {p.Multiplier.Interval} misses 1");
            Assert.Equal(1.0, p.Multiplier.Value, 0.15);
        }
        Assert.DoesNotContain(comparison.Diagnostics, d => d.Code == "frontiers-cross" && d.Severity == ScalingFit.Core.Severity.Warning);
    }

    [Fact]
    public void Compare_VariantBelowTheBaseAsymptote_ReportsNeverInsteadOfANumber()
    {
        var baseCurve = new FittedFrontierCurve(new SaturatingPowerLaw(2.0, 50, 0.1), 0, 0.5);
        var variantCurve = new FittedFrontierCurve(new SaturatingPowerLaw(1.5, 50, 0.1), 0, 0.5);
        var range = new ValueRange(1e19, 1e21);
        var b = new LossFrontier(Approach.IsoFlop, true, baseCurve, null, [], 0, 0.01, [], range, 0.95, 0, []);
        var v = new LossFrontier(Approach.IsoFlop, true, variantCurve, null, [], 0, 0.01, [], range, 0.95, 0, []);

        var comparison = FrontierComparer.Compare(b, v, [1e30]);

        Assert.False(comparison.HasMultiplier);
        Assert.True(double.IsNaN(comparison.Points[0].Multiplier.Value));
        Assert.Contains("never reaches", comparison.Points[0].Problem);
        Assert.Equal([1e30], FrontierComparer.OutsideBothSweeps(b, v, [1e20, 1e30]));
    }
}
