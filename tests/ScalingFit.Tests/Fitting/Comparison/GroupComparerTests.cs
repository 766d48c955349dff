using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting.Comparison;

/// <summary>"Compare every group with the base" as a library call (what <c>compare --group-by</c> runs).</summary>
public class GroupComparerTests
{
    private static readonly ParametricLaw Base = ParametricLaw.Paper;

    private static RunSet Sweep(double k, int seed) =>
        SweepSimulator.IsoFlop(new SimulationOptions(Base with { B = Base.B * Math.Pow(k, -Base.Beta) }, NoiseSigma: 0.005, Seed: seed));

    private static GroupComparisonOptions Options => new(
        new FitAllOptions([Approach.IsoFlop], IsoFlop: IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None }),
        LossFrontierOptions.Default with { Bootstrap = new BootstrapOptions(200, Seed: 5) },
        [1e20]);

    [Fact]
    public void Compare_EachVariant_EqualsThePairwiseComparisonWithTheVariantSeed()
    {
        SweepGroup[] groups = [new("a", Sweep(1.5, 2)), new("base", Sweep(1, 1)), new("b", Sweep(3, 3))];

        var result = GroupComparer.Compare(groups, "base", Options);

        Assert.Equal(["a", "b"], result.Comparisons.Select(c => c.Variant));
        var baseFrontier = LossFrontierFitter.Fit(IsoFlopFitter.Fit(groups[1].Runs!, Options.Fit!.IsoFlop), groups[1].Runs!, Options.Frontier);
        foreach (var (variant, comparison) in result.Comparisons)
        {
            var runs = groups.Single(g => g.Name == variant).Runs!;
            var frontier = LossFrontierFitter.Fit(IsoFlopFitter.Fit(runs, Options.Fit!.IsoFlop), runs,
                Options.Frontier! with { Bootstrap = FrontierComparer.VariantBootstrap(Options.Frontier!.EffectiveBootstrap) });
            var pairwise = FrontierComparer.Compare(baseFrontier, frontier, [1e20]);
            Assert.Equal(pairwise.Points[0].Multiplier, comparison.Points[0].Multiplier);
        }
        Assert.InRange(3.0, result.Comparisons[1].Comparison.Points[0].Multiplier.Interval!.Value.Low, result.Comparisons[1].Comparison.Points[0].Multiplier.Interval!.Value.High);
    }

    [Fact]
    public void Compare_UnknownBase_ThrowsListingTheGroups()
    {
        SweepGroup[] groups = [new("x", Sweep(1, 1)), new("y", null, "bad file")];

        var error = Assert.Throws<ArgumentException>(() => GroupComparer.Compare(groups, "z", Options));

        Assert.Contains("the groups are: x; y", error.Message);
    }

    [Fact]
    public void Compare_VariantWithoutRuns_IsARowWithItsReason()
    {
        SweepGroup[] groups = [new("x", Sweep(1, 1)), new("y", null, "line 3: bad loss")];

        var result = GroupComparer.Compare(groups, "x", Options);

        var row = Assert.Single(result.Rows);
        Assert.Equal((NotComparedReason.ImportFailed, "line 3: bad loss"), (row.Reason!.Value, row.Message));
        Assert.Empty(result.Comparisons);
    }
}
