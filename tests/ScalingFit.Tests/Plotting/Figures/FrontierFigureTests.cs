using ScalingFit.Fitting;
using ScalingFit.Plotting;
using ScottPlot;
using ScottPlot.Plottables;

namespace ScalingFit.Tests.Plotting.Figures;

public class FrontierFigureTests
{
    private static Figure Render(IEnumerable<IAllocationFit?> fits, FrontierReferences? references = null, FigureOptions? options = null) =>
        FrontierFigure.Build(fits, references ?? FrontierReferences.Paper, options);

    [Fact]
    public void Build_ThreeApproaches_OneLegendEntryPerApproachPlusKaplanAndTable3()
    {
        IReadOnlyList<string> legend = Panels.LegendLabels(Render(FigureFixtures.Normal.Fits)[0]);

        Assert.Equal(5, legend.Count);
        Assert.Single(legend, l => l.StartsWith("Approach 1 (envelope), a = ", StringComparison.Ordinal));
        Assert.Single(legend, l => l.StartsWith("Approach 2 (IsoFLOP), a = ", StringComparison.Ordinal));
        Assert.Single(legend, l => l.StartsWith("Approach 3 (parametric), a = ", StringComparison.Ordinal));
        Assert.Single(legend, l => l.StartsWith("Kaplan et al. (2020)", StringComparison.Ordinal));
        Assert.Single(legend, l => l == "Hoffmann et al. (2022), Table 3");
    }

    [Fact]
    public void Build_DefaultRange_XAxisRunsFrom1e17To1e27WithEvenDecadesLabelled()
    {
        Figure figure = Render(FigureFixtures.Normal.Fits);

        (double lo, double hi) = Panels.Decades(figure[0].Axes.GetLimits().Left, figure[0].Axes.GetLimits().Right);
        Assert.Equal(1e17, lo, 1e17 * 1e-9);
        Assert.Equal(1e27, hi, 1e27 * 1e-9);
        // Ten decades on 820 px: decade labels, none crowded out, in the 10¹⁸ style.
        IReadOnlyList<string> x = Panels.TickLabels(figure, 0, "x");
        Assert.Equal("10¹⁷", x[0]);
        Assert.Equal("10²⁷", x[^1]);
        Assert.All(x, l => Assert.StartsWith("10", l, StringComparison.Ordinal));
        string[] decades = ["1M", "10M", "100M", "1B", "10B", "100B", "1T", "10T", "100T"];
        IReadOnlyList<string> y = Panels.TickLabels(figure, 0, "y");
        Assert.NotEmpty(y);
        Assert.All(y, l => Assert.Contains(l, decades));
        // Minor ticks at 2–9 × each decade.
        Assert.Contains(figure[0].Axes.Bottom.TickGenerator.Ticks, t => !t.IsMajor && Math.Abs(t.Position - (20 + Math.Log10(3))) < 1e-9);
    }

    [Fact]
    public void Build_CustomRange_XAxisIsExactlyThatRange()
    {
        Figure figure = Render(FigureFixtures.Normal.Fits, options: FigureOptions.Default with { FrontierMinFlops = 1e18, FrontierMaxFlops = 1e22 });

        Assert.Equal(["10¹⁸", "10¹⁹", "10²⁰", "10²¹", "10²²"], Panels.TickLabels(figure, 0, "x"));
        // The fitted lines run from the left edge of the plot area to its right edge.
        Scatter line = Panels.Of<Scatter>(figure[0]).First();
        IReadOnlyList<Coordinates> points = line.Data.GetScatterPoints();
        Assert.Equal(18, points[0].X, 9);
        Assert.Equal(22, points[^1].X, 9);
    }

    [Fact]
    public void Build_SubsetOfApproaches_DrawsOnlyThoseLinesAndBands()
    {
        Plot panel = Render([FigureFixtures.Normal.Parametric])[0];

        Assert.Single(Panels.LegendLabels(panel), l => l.StartsWith("Approach", StringComparison.Ordinal));
        Assert.Single(Panels.Of<FillY>(panel));
    }

    [Fact]
    public void Build_EveryApproachWithAnInterval_GetsABand()
    {
        Assert.Equal(3, Panels.Of<FillY>(Render(FigureFixtures.Normal.Fits)[0]).Count());
    }

    [Fact]
    public void Build_IntervalsOff_DrawsNoBands()
    {
        Figure figure = Render(FigureFixtures.Normal.Fits, options: FigureOptions.Default with { ShowIntervals = false });

        Assert.Empty(Panels.Of<FillY>(figure[0]));
    }

    [Fact]
    public void Build_PaperReferences_DrawsTable3PointsInRangeAndTheThreeLandmarks()
    {
        Plot panel = Render(FigureFixtures.Normal.Fits)[0];

        var table3 = Panels.Series(panel, t => t.Contains("Table 3", StringComparison.Ordinal));
        Assert.NotNull(table3);
        // Nine published rows; 10T at 1.3e28 FLOPs lies beyond the 1e27 axis.
        Assert.Equal(8, table3.Count);
        var notes = Panels.Of<Text>(panel).Select(t => t.LabelText).ToArray();
        Assert.Equal(["Chinchilla (70B)", "GPT-3 (175B)", "Gopher (280B)"], notes.Order(StringComparer.Ordinal).ToArray());
        // Each landmark is a star.
        Assert.Equal(3, Panels.Of<Markers>(panel).Count(m => m.MarkerStyle.CustomRenderer is StarMarker));
    }

    [Fact]
    public void Build_NoFitsNoReferences_RendersNoDataWithANote()
    {
        Figure figure = FrontierFigure.Build([], FrontierReferences.None);

        Assert.True(Panels.HasNoDataNote(figure[0]));
    }

    [Fact]
    public void Build_FailedFits_NamedInTheTitleAndLeftOut()
    {
        Plot panel = Render(FigureFixtures.Empty.Fits)[0];

        Assert.Contains("no approach fitted", Panels.Title(panel), StringComparison.Ordinal);
        Assert.DoesNotContain(Panels.LegendLabels(panel), l => l.StartsWith("Approach", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SingleBudget_NamesTheApproachesThatCouldNotBeFitted()
    {
        Figure figure = Render(FigureFixtures.SingleBudget.Fits);

        Assert.Contains("Approach 1, Approach 2 not fitted", Panels.Title(figure[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Kaplan_AtOnePetaflopDay_Is1Point3BillionParameters()
    {
        Assert.Equal(1.3e9, KaplanFrontier.Paper.ParameterCount(8.64e19), 1e-3);
        Assert.Equal(1.3e9 * Math.Pow(10, 0.73), KaplanFrontier.Paper.ParameterCount(8.64e20), 1);
    }

    [Fact]
    public void PaperReferences_HoldTable3AndTheLandmarks()
    {
        FrontierReferences paper = FrontierReferences.Paper;

        Assert.Equal(9, paper.Projections.Count);
        Assert.Contains(paper.Projections, p => p.ParameterCount == 6.7e10 && p.Flops == 5.76e23);
        Assert.Contains(paper.Landmarks, l => l.Name == "GPT-3" && l.ParameterCount == 1.75e11 && l.Flops == 3.14e23);
        Assert.NotNull(paper.Kaplan);
    }
}
