using ScalingFit.Core;

namespace ScalingFit.Tests.Core.Domain;

public class BudgetLabelsTests
{
    [Fact]
    public void Merge_LabelsWrittenTwoWays_MapToTheMostFrequentLabel()
    {
        double[] labels = [3e9, 3e9, 3.0000001e9, 1e10, 1e10, 1.0000002e10, 1.0000002e10, 1.0000002e10];

        var map = BudgetLabels.Merge(labels, 0.03);

        Assert.Equal(3e9, map[3.0000001e9]);
        Assert.Equal(3e9, map[3e9]);
        Assert.Equal(1.0000002e10, map[1e10]);
        Assert.Equal(2, map.Values.Distinct().Count());
    }

    [Theory]
    [InlineData(1e19, 1.06e19, 0.03, true)]    // 0.025 decades apart
    [InlineData(1e19, 1.08e19, 0.03, false)]   // 0.033 decades apart
    [InlineData(6e18, 1e19, 0.03, false)]
    [InlineData(6e18, 1e19, 0.25, true)]
    [InlineData(2e18, 2e18, 0, true)]
    public void Merge_TwoLabels_AreOneBudgetOnlyWithinTheTolerance(double first, double second, double tolerance, bool merged)
    {
        var map = BudgetLabels.Merge([first, second], tolerance);

        Assert.Equal(merged, map[first] == map[second]);
    }

    [Fact]
    public void Merge_ChainOfCloseLabels_IsCutAtTheToleranceFromTheClustersFirstLabel()
    {
        // Each label is 0.02 decades above the previous: chaining would merge all four; the rule merges pairs.
        double[] labels = [1e19, 1.0471e19, 1.0965e19, 1.1482e19];

        var map = BudgetLabels.Merge(labels, 0.03);

        Assert.Equal(map[1e19], map[1.0471e19]);
        Assert.NotEqual(map[1e19], map[1.0965e19]);
        Assert.Equal(map[1.0965e19], map[1.1482e19]);
    }

    [Fact]
    public void Merge_NegativeTolerance_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetLabels.Merge([1e19], -0.1));
}
