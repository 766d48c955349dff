using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.Tests.Fitting;

public class FitAllTests
{
    private static readonly BootstrapOptions Few = BootstrapOptions.Default with { Resamples = 30 };

    private static FitAllOptions Quick => FitAllOptions.Default with
    {
        Envelope = EnvelopeFitOptions.Default with { Bootstrap = Few },
        IsoFlop = IsoFlopFitOptions.Default with { Bootstrap = Few },
        Parametric = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = Few },
    };

    [Fact]
    public void FitAll_FinalLossesOnly_FitsIsoFlopAndParametric_AndSaysWhyTheEnvelopeWasSkipped()
    {
        var runs = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 2 });

        var result = ScalingLaws.FitAll(runs, Quick);

        Assert.Equal([Approach.IsoFlop, Approach.Parametric], result.Fits.Select(f => f.Approach));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(Approach.Envelope, skipped.Approach);
        Assert.Contains("training curves", skipped.Reason, StringComparison.Ordinal);
        Assert.Null(skipped.Fit);
        Assert.All(result.Fits, f => Assert.True(f.Succeeded));
        Assert.Same(runs, result.Runs);
        Assert.NotNull(result[Approach.IsoFlop]);
        Assert.Null(result[Approach.Envelope]);
    }

    [Fact]
    public void FitAll_ApproachThatFails_IsSkippedWithItsErrorAndItsResult()
    {
        // Every run has the same model size: the parametric law's alpha is not determined (an error diagnostic).
        var runs = new RunSet([.. Enumerable.Range(0, 12).Select(i => new Run($"r{i}", 1e8, 1e9 * (i + 1), 6e17 * (i + 1), 3 - 0.05 * i))]);

        var result = ScalingLaws.FitAll(runs, Quick with { Approaches = [Approach.Parametric] });

        Assert.False(result.Succeeded);
        var skipped = Assert.Single(result.Skipped);
        Assert.NotNull(skipped.Fit);
        Assert.False(skipped.Fit!.Succeeded);
        Assert.Contains("distinct model size", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FitAll_PaperBudgetsFirst_GroupsUnlabelledRunsByThePapersBudgets_AndSaysSo()
    {
        var labelled = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 6 });
        var runs = labelled with { Runs = [.. labelled.Runs.Select(r => r with { FlopBudget = null })] };

        var result = ScalingLaws.FitAll(runs, Quick with { Approaches = [Approach.IsoFlop], PaperBudgetsFirst = true });

        var fit = Assert.IsType<IsoFlopFitResult>(Assert.Single(result.Fits));
        Assert.Equal(IsoFlopGrouping.Budgets, fit.Grouping);
        Assert.Contains(result.Notes, n => n.Contains("paper's nine FLOP budgets", StringComparison.Ordinal));
        var automatic = ScalingLaws.FitAll(runs, Quick with { Approaches = [Approach.IsoFlop] });
        Assert.Equal(IsoFlopGrouping.Automatic, Assert.IsType<IsoFlopFitResult>(Assert.Single(automatic.Fits)).Grouping);
        Assert.Empty(automatic.Notes);
    }

    [Fact]
    public void ShortAndFullPaths_DefaultTo1000ResamplesAt95Percent_ForEveryApproach()
    {
        Assert.Equal((1000, 0.95), (EnvelopeFitOptions.Default.EffectiveBootstrap.Resamples, EnvelopeFitOptions.Default.EffectiveBootstrap.Level));
        Assert.Equal((1000, 0.95), (IsoFlopFitOptions.Default.EffectiveBootstrap.Resamples, IsoFlopFitOptions.Default.EffectiveBootstrap.Level));
        Assert.Equal((1000, 0.95), (ParametricFitOptions.Default.Bootstrap.Resamples, ParametricFitOptions.Default.Bootstrap.Level));
        var runs = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 1 });
        var shortPath = ScalingLaws.FitParametric(runs);
        Assert.Equal(1000, shortPath.Bootstrap!.Requested);
        Assert.Equal(0.95, shortPath.ExponentA.Interval!.Value.Level);
    }
}
