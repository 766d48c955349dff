using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Planning;

public class SweepPlannerTests
{
    public static TheoryData<double, int, double> Grids => new()
    {
        { 6.0, 9, 16 },
        { 6.0, 5, 4 },
        { 8.0, 12, 32 },
    };

    [Theory]
    [MemberData(nameof(Grids))]
    public void Plan_WithoutBounds_CentresEachBudgetOnThePriorsOptimumAndSpendsExactlyTheBudget(double k, int sizes, double span)
    {
        var rule = new FlopRule(k);
        var budgets = SweepPlanOptions.GeometricBudgets(1e18, 1e21, 7);
        var plan = SweepPlanner.Plan(ParametricLaw.Paper, new SweepPlanOptions(budgets, sizes, span, FlopRule: rule));

        Assert.Equal(7, plan.Budgets.Count);
        foreach (var b in plan.Budgets)
        {
            double nOpt = ParametricLaw.Paper.OptimalParameterCount(b.Flops, rule);
            double geometricMean = Math.Exp(b.Runs.Average(r => Math.Log(r.ParameterCount)));
            Assert.InRange(geometricMean / nOpt, 0.99, 1.01);
            Assert.Equal(sizes, b.Runs.Count);
            Assert.Equal(span, b.Runs[^1].ParameterCount / b.Runs[0].ParameterCount, 9);
            foreach (var r in b.Runs)
            {
                Assert.Equal(b.Flops, r.Flops);
                Assert.Equal(b.Flops, r.FlopBudget);
                Assert.True(Math.Abs(k * r.ParameterCount * r.TokenCount - b.Flops) <= 1e-15 * b.Flops,
                    $"k·N·D = {k * r.ParameterCount * r.TokenCount:R} differs from C = {b.Flops:R}");
                Assert.Equal(ParametricLaw.Paper.Loss(r.ParameterCount, r.TokenCount), r.Loss);
            }
        }
        Assert.Equal(budgets.Sum() * sizes, plan.TotalFlops, 1e-9 * plan.TotalFlops);
        Assert.Empty(plan.Diagnostics);
    }

    [Fact]
    public void Plan_BoundsCutTheGrid_DropsTheSizesOutsideWithANote()
    {
        var options = new SweepPlanOptions([1e20], 9, 16, MinParameterCount: 2e8);
        double nOpt = ParametricLaw.Paper.OptimalParameterCount(1e20);

        var plan = SweepPlanner.Plan(ParametricLaw.Paper, options);

        var budget = Assert.Single(plan.Budgets);
        Assert.All(budget.Runs, r => Assert.True(r.ParameterCount >= 2e8));
        Assert.All(budget.DroppedParameterCounts, n => Assert.True(n < 2e8));
        Assert.Equal(9, budget.Runs.Count + budget.DroppedParameterCounts.Count);
        Assert.NotEmpty(budget.DroppedParameterCounts);
        Assert.True(nOpt / 4 < 2e8, "the bound must cut the grid for this test");
        var note = Assert.Single(plan.Diagnostics);
        Assert.Equal("plan-sizes-dropped", note.Code);
        Assert.Contains("C = 1e+20", note.Message);
    }

    [Fact]
    public void Plan_SpanOfOne_IsRejectedNamingTheSpan()
    {
        var ex = Assert.Throws<PlanningException>(() => SweepPlanner.Plan(ParametricLaw.Paper, new SweepPlanOptions([1e20], Span: 1)));
        Assert.Contains("Span = 1", ex.Message);
    }

    [Fact]
    public void Plan_BoundsLeaveTwoSizes_IsRejectedNamingTheBudget()
    {
        double nOpt = ParametricLaw.Paper.OptimalParameterCount(1e20);
        var options = new SweepPlanOptions([1e19, 1e20], 9, 16, MinParameterCount: nOpt * 1.9);

        var ex = Assert.Throws<PlanningException>(() => SweepPlanner.Plan(ParametricLaw.Paper, options));

        Assert.Contains("C = 1e+19", ex.Message);
        Assert.Contains("at least 3", ex.Message);
    }

    [Fact]
    public void Plan_BudgetBelowTheSmallestPossibleRun_IsRejected()
    {
        var options = new SweepPlanOptions([1e15, 1e20], MinParameterCount: 1e8);

        var ex = Assert.Throws<PlanningException>(() => SweepPlanner.Plan(ParametricLaw.Paper, options));

        Assert.Contains("below the smallest possible run", ex.Message);
        Assert.Contains("6e+16", ex.Message);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void ShiftOptimum_MovesNOptByTheFactorAtEveryBudget(double factor)
    {
        var shifted = SweepPlanner.ShiftOptimum(ParametricLaw.Paper, factor);
        foreach (var c in new[] { 1e18, 1e21, 1e24 })
            Assert.Equal(factor, shifted.OptimalParameterCount(c) / ParametricLaw.Paper.OptimalParameterCount(c), 9);
        Assert.Equal(ParametricLaw.Paper.ExponentA, shifted.ExponentA, 12);
    }

    [Fact]
    public void DriftOptimum_MatchesThePriorAtTheLowBudgetAndDoublesAtTheHigh()
    {
        var drifted = SweepPlanner.DriftOptimum(ParametricLaw.Paper, 2, 1e18, 1e21);

        Assert.Equal(1.0, drifted.OptimalParameterCount(1e18) / ParametricLaw.Paper.OptimalParameterCount(1e18), 9);
        Assert.Equal(2.0, drifted.OptimalParameterCount(1e21) / ParametricLaw.Paper.OptimalParameterCount(1e21), 9);
        Assert.Equal(ParametricLaw.Paper.ExponentA + Math.Log(2) / Math.Log(1e3), drifted.ExponentA, 12);
    }
}
