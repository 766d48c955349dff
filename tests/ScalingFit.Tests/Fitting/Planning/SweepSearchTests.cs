using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Planning;

public class SweepSearchTests
{
    private static readonly SweepSearchOptions Small = new(0.15, 1e23, 1e18, 1e21,
        BudgetCounts: [3, 5, 7], SizesPerBudget: [5, 9], Spans: [8, 16], SearchTrials: 30);

    private static readonly SweepPrecisionOptions Precision = SweepPrecisionOptions.Default with { Trials = 60, BootstrapResamples = 100 };

    [Fact]
    public void Find_TargetWidth_ReturnsAGridThatMeetsItWhenReSimulatedWithNewSeeds()
    {
        var plans = new SweepPlanOptions([1e18]);

        var found = SweepSearch.Find(ParametricLaw.Paper, plans, Small, Precision);

        var recheck = SweepPrecision.Estimate(found.Best, Precision with { Seed = 987_654, Trials = 100, Approaches = PlanApproaches.IsoFlop, Sensitivity = false });
        Assert.True(recheck.Centred.Row("isoflop", "a")!.MedianWidth <= Small.TargetWidth,
            $"re-simulated median width {recheck.Centred.Row("isoflop", "a")!.MedianWidth} exceeds the target {Small.TargetWidth}");
        Assert.True(found.Best.TotalFlops <= Small.MaxCompute);
        Assert.NotEmpty(found.Candidates);
        Assert.Equal(found.Candidates.OrderBy(c => c.TotalFlops).Select(c => c.TotalFlops), found.Candidates.Select(c => c.TotalFlops));
        Assert.All(found.Candidates, c => Assert.True(c.MedianWidth <= Small.TargetWidth));
        // Every candidate cheaper than the choice was re-simulated and missed; the choice held.
        Assert.All(found.Candidates.Where(c => c.TotalFlops < found.Best.TotalFlops), c => Assert.False(c.IsConfirmed(Small.TargetWidth)));
        Assert.Contains(found.Candidates, c => c.TotalFlops == found.Best.TotalFlops && c.IsConfirmed(Small.TargetWidth));
    }

    [Fact]
    public void Find_UnreachableTarget_SaysTheBestWidthReached()
    {
        var impossible = Small with { TargetWidth = 0.001 };

        var ex = Assert.Throws<PlanningException>(() => SweepSearch.Find(ParametricLaw.Paper, new SweepPlanOptions([1e18]), impossible, Precision));

        Assert.Contains("narrowest median width reached was", ex.Message);
    }

    [Fact]
    public void Find_CapBelowEveryGrid_SaysSo()
    {
        var ex = Assert.Throws<PlanningException>(() => SweepSearch.Find(ParametricLaw.Paper, new SweepPlanOptions([1e18]), Small with { MaxCompute = 1e18 }, Precision));

        Assert.Contains("fits within MaxCompute", ex.Message);
    }
}
