using ScalingFit.Core;

namespace ScalingFit.Tests.Core.Domain;

public class RunSetTests
{
    private static Run R(string id, double loss) => new(id, 1e8, 2e9, 1.2e18, loss);

    [Fact]
    public void DropHighestLoss_DropsTheKHighestAndKeepsFileOrder()
    {
        var set = new RunSet([R("a", 3), R("b", 9), R("c", 2), R("d", 8), R("e", 1)]);

        var kept = set.DropHighestLoss(2);

        Assert.Equal(["a", "c", "e"], kept.Runs.Select(r => r.RunId));
    }

    [Fact]
    public void DropHighestLoss_Zero_KeepsEverything()
    {
        var set = new RunSet([R("a", 3), R("b", 9)]);

        Assert.Same(set, set.DropHighestLoss(0));
    }

    [Fact]
    public void FlopRule_DefaultIsSixND_AndInvertsBothWays()
    {
        var rule = FlopRule.Default;

        Assert.Equal(6 * 1e9 * 2e10, rule.Flops(1e9, 2e10));
        Assert.Equal(2e10, rule.TokenCount(rule.Flops(1e9, 2e10), 1e9), 1);
        Assert.Equal(1e9, rule.ParameterCount(rule.Flops(1e9, 2e10), 2e10), 1);
    }
}
