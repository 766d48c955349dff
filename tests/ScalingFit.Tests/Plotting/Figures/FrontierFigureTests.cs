using ScalingFit.Fitting;
using ScalingFit.Plotting;
using ScalingFit.Plotting.Figures;

namespace ScalingFit.Tests.Plotting.Figures;

public class FrontierFigureTests
{
    private static SvgQuery Render(IEnumerable<IAllocationFit?> fits, FrontierReferences? references = null, FigureOptions? options = null) =>
        SvgQuery.Render(FrontierFigure.Build(fits, references ?? FrontierReferences.Paper, options));

    [Fact]
    public void Build_ThreeApproaches_OneLegendEntryPerApproachPlusKaplanAndTable3()
    {
        SvgQuery svg = Render(FigureFixtures.Normal.Fits);

        IReadOnlyList<string> legend = Panels.LegendLabels(Panels.Of(svg)[0]);

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
        SvgQuery svg = Render(FigureFixtures.Normal.Fits);

        // Ten decades: the engine labels every other decade so the labels do not crowd.
        Assert.Equal(["10^18", "10^20", "10^22", "10^24", "10^26"], svg.TickLabels("x"));
        string[] decades = ["1M", "10M", "100M", "1B", "10B", "100B", "1T", "10T", "100T"];
        Assert.NotEmpty(svg.TickLabels("y"));
        Assert.All(svg.TickLabels("y"), l => Assert.Contains(l, decades));
    }

    [Fact]
    public void Build_CustomRange_XAxisIsExactlyThatRange()
    {
        SvgQuery svg = Render(FigureFixtures.Normal.Fits, options: FigureOptions.Default with { FrontierMinFlops = 1e18, FrontierMaxFlops = 1e22 });

        Assert.Equal(["10^18", "10^19", "10^20", "10^21", "10^22"], svg.TickLabels("x"));
        // The fitted lines run from the left edge of the plot area to its right edge.
        var (x, _, w, _) = svg.PlotArea();
        var line = svg.WithClass("line").First();
        string d = (string)line.Attribute("d")!;
        double first = Panels.Parse(d[1..d.IndexOf(',', StringComparison.Ordinal)]);
        Assert.Equal(x, first, 0.5);
        Assert.True(w > 0);
    }

    [Fact]
    public void Build_SubsetOfApproaches_DrawsOnlyThoseLinesAndBands()
    {
        SvgQuery svg = Render([FigureFixtures.Normal.Parametric]);
        var panel = Panels.Of(svg)[0];

        Assert.Single(Panels.LegendLabels(panel), l => l.StartsWith("Approach", StringComparison.Ordinal));
        Assert.Single(Panels.WithClass(panel, "band"));
    }

    [Fact]
    public void Build_EveryApproachWithAnInterval_GetsABand()
    {
        SvgQuery svg = Render(FigureFixtures.Normal.Fits);

        Assert.Equal(3, Panels.WithClass(Panels.Of(svg)[0], "band").Count());
    }

    [Fact]
    public void Build_IntervalsOff_DrawsNoBands()
    {
        SvgQuery svg = Render(FigureFixtures.Normal.Fits, options: FigureOptions.Default with { ShowIntervals = false });

        Assert.Empty(svg.WithClass("band"));
    }

    [Fact]
    public void Build_PaperReferences_DrawsTable3PointsInRangeAndTheThreeLandmarks()
    {
        SvgQuery svg = Render(FigureFixtures.Normal.Fits);
        var panel = Panels.Of(svg)[0];

        var table3 = Panels.Series(panel, "scatter", t => t.Contains("Table 3", StringComparison.Ordinal));
        Assert.NotNull(table3);
        // Nine published rows; 10T at 1.3e28 FLOPs lies beyond the 1e27 axis.
        Assert.Equal(8, Panels.Markers(table3).Count);
        var notes = Panels.WithClass(panel, "annotation-text").Select(t => t.Value).ToArray();
        Assert.Equal(["Chinchilla (70B)", "GPT-3 (175B)", "Gopher (280B)"], notes.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Build_NoFitsNoReferences_RendersNoDataWithANote()
    {
        SvgQuery svg = SvgQuery.Render(FrontierFigure.Build([], FrontierReferences.None));

        Assert.Single(svg.WithClass("no-data"));
    }

    [Fact]
    public void Build_FailedFits_NamedInTheTitleAndLeftOut()
    {
        SvgQuery svg = Render(FigureFixtures.Empty.Fits);
        var panel = Panels.Of(svg)[0];

        Assert.Contains("no approach fitted", Panels.Title(panel), StringComparison.Ordinal);
        Assert.DoesNotContain(Panels.LegendLabels(panel), l => l.StartsWith("Approach", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SingleBudget_NamesTheApproachesThatCouldNotBeFitted()
    {
        SvgQuery svg = Render(FigureFixtures.SingleBudget.Fits);

        Assert.Contains("Approach 1, Approach 2 not fitted", Panels.Title(Panels.Of(svg)[0]), StringComparison.Ordinal);
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
