using ScalingFit.Core;

namespace ScalingFit.Tests.Core.Laws;

public class ParametricLawTests
{
    [Fact]
    public void ForBudget_PaperLaw_MatchesNumericMinimumAlongIsoFlopLine()
    {
        var law = ParametricLaw.Paper;
        const double c = 5.76e23;

        var closed = law.ForBudget(c);

        // Golden-section search of L(N, C/(6N)) over ln N.
        double lo = Math.Log(1e6), hi = Math.Log(1e15);
        double Loss(double lnN) => law.Loss(Math.Exp(lnN), c / (6 * Math.Exp(lnN)));
        double g = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 300; i++)
        {
            double m1 = hi - g * (hi - lo), m2 = lo + g * (hi - lo);
            if (Loss(m1) < Loss(m2)) hi = m2; else lo = m1;
        }
        double numericN = Math.Exp((lo + hi) / 2);

        Assert.Equal(1.0, closed.ParameterCount / numericN, 6);
        Assert.Equal(c, 6 * closed.ParameterCount * closed.TokenCount, c * 1e-12);
        Assert.Equal(Loss(Math.Log(numericN)), closed.Loss, 10);
    }

    [Fact]
    public void Exponents_PaperLaw_AreBetaAndAlphaOverTheirSum()
    {
        var law = ParametricLaw.Paper;

        Assert.Equal(0.28 / 0.62, law.ExponentA, 12);
        Assert.Equal(0.34 / 0.62, law.ExponentB, 12);
        Assert.Equal(1.0, law.ExponentA + law.ExponentB, 12);
    }

    [Fact]
    public void ForParameterCount_InvertsForBudget()
    {
        var law = ParametricLaw.EpochReplication;
        var fromBudget = law.ForBudget(1e22);

        var back = law.ForParameterCount(fromBudget.ParameterCount);

        Assert.Equal(1.0, back.Flops / 1e22, 9);
    }

    [Fact]
    public void ForLoss_ReachableLoss_FindsLeastComputeOnTheFrontier()
    {
        var law = ParametricLaw.Paper;
        var target = law.ForBudget(1e21);

        var found = law.ForLoss(target.Loss)!;

        Assert.Equal(1.0, found.Flops / 1e21, 6);
    }

    [Fact]
    public void ForLoss_BelowIrreducibleLoss_IsUnreachable()
    {
        Assert.Null(ParametricLaw.Paper.ForLoss(1.5));
    }
}
