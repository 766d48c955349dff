using System.Xml.Linq;
using ScalingFit.Plotting;

namespace ScalingFit.Tests.Plotting;

public class LegendAndColorBarTests
{
    private static readonly XNamespace Svg = SvgQuery.Svg;

    private static Chart RisingLine(LegendPlacement placement, params string[] labels)
    {
        var chart = new Chart { Legend = placement, XAxis = Axis.Linear("x"), YAxis = Axis.Linear("y") };
        for (int k = 0; k < labels.Length; k++)
            chart = chart.With(new LineSeries([.. Enumerable.Range(0, 50).Select(i => new DataPoint(i, i + k))]) { Label = labels[k] });
        return chart;
    }

    [Fact]
    public void Legend_Auto_AvoidsTheCornersTheDataPassesThrough()
    {
        // A rising diagonal crosses the bottom-left and top-right corners; the legend goes top left.
        SvgQuery svg = SvgQuery.Render(RisingLine(LegendPlacement.Auto, "y = x"));

        (double x, double y, double w, double _) = svg.PlotArea();
        XElement box = svg.WithClass("legend-box").Single();
        Assert.True(SvgQuery.Number(box, "x") < x + (w / 2), "legend is not on the left");
        Assert.True(SvgQuery.Number(box, "y") < y + 20, "legend is not at the top");
    }

    [Fact]
    public void Legend_AutoWithVeryLongLabels_MovesBelowThePlotAndClearOfTheAxisTitle()
    {
        string[] labels = [.. Enumerable.Range(1, 4).Select(i => $"Run {i}: a label long enough that an inside legend would cover the data")];

        SvgQuery svg = SvgQuery.Render(RisingLine(LegendPlacement.Auto, labels));

        XElement box = svg.WithClass("legend-box").Single();
        double xTitleBaseline = SvgQuery.Number(svg.WithClass("axis-label").First(e => ((string)e.Attribute("class")!).EndsWith(" x", StringComparison.Ordinal)), "y");
        Assert.True(SvgQuery.Number(box, "y") > xTitleBaseline, "legend overlaps the x-axis title");
        Assert.True(SvgQuery.Number(box, "y") + SvgQuery.Number(box, "height") <= 460);
        Assert.Equal(4, svg.WithClass("legend-entry").Count());
        (double _, double _, double w, double _) = svg.PlotArea();
        Assert.True(w > 640 * 0.6, "the plot area was squeezed");
    }

    [Fact]
    public void Legend_Below_UsesSeveralColumnsWhenLabelsAreShort()
    {
        SvgQuery svg = SvgQuery.Render(RisingLine(LegendPlacement.Below, "a", "b", "c", "d"));

        double[] rows = [.. svg.WithClass("legend-entry").Select(e => SvgQuery.Number(e.Element(Svg + "text")!, "y")).Distinct()];
        Assert.Single(rows);
    }

    [Fact]
    public void Legend_SwatchesFollowTheSeriesKind()
    {
        var chart = new Chart().With(
            new LineSeries([new(0, 0), new(1, 1)]) { Label = "line" },
            new ScatterSeries([new(0.5, 0.5)]) { Label = "points" },
            new BandSeries([0, 1], [0, 0.5], [0.5, 1]) { Label = "band" });

        XElement[] entries = [.. SvgQuery.Render(chart).WithClass("legend-entry")];

        Assert.Equal("path", entries[0].Elements().First().Name.LocalName);
        Assert.Equal("circle", entries[1].Elements().First().Name.LocalName);
        Assert.Equal("rect", entries[2].Elements().First().Name.LocalName);
    }

    [Fact]
    public void Series_WithoutColours_TakePaletteColoursInOrder()
    {
        var chart = new Chart { Palette = Palette.Tableau10 }.With(
            new LineSeries([new(0, 0), new(1, 1)]),
            new LineSeries([new(0, 1), new(1, 0)]) { Color = RgbColor.Black },
            new LineSeries([new(0, 0.5), new(1, 0.5)]));

        string[] strokes = [.. SvgQuery.Render(chart).WithClass("line").Select(l => (string)l.Attribute("stroke")!)];

        Assert.Equal(["#4e79a7", "#000000", "#f28e2b"], strokes);
    }

    [Fact]
    public void ColorBar_LogScale_LabelsDecades()
    {
        var chart = new Chart { ColorBar = new ColorBar("FLOPs") { Scale = AxisScale.Log10, Min = 1e18, Max = 1e21 } }
            .With(new ScatterSeries([new(0, 0), new(1, 1)]) { ColorValues = [1e18, 1e21] });

        SvgQuery svg = SvgQuery.Render(chart);

        Assert.Equal(["10^18", "10^19", "10^20", "10^21"], svg.TickLabels("colorbar"));
        Assert.Equal("FLOPs", svg.WithClass("axis-label").Single(e => ((string)e.Attribute("class")!).Contains("colorbar", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public void ColorBar_NonPositiveValuesOnLogScale_AreDrawnGrey()
    {
        var chart = new Chart { ColorBar = new ColorBar { Scale = AxisScale.Log10 } }
            .With(new ScatterSeries([new(0, 0), new(1, 1), new(2, 2)]) { ColorValues = [1, -5, double.NaN] });

        string[] fills = [.. SvgQuery.Render(chart).Document.Descendants(Svg + "circle").Select(c => (string)c.Attribute("fill")!)];

        Assert.Equal("#bbbbbb", fills[1]);
        Assert.Equal("#bbbbbb", fills[2]);
    }

    [Fact]
    public void ColorBar_ForFilledContours_ShowsOneBlockPerBand()
    {
        var grid = ScalarGrid.Sample(Spacing.Linear(0, 1, 11), Spacing.Linear(0, 1, 11), (x, y) => x + y);
        var chart = new Chart { ColorBar = new ColorBar("z") }.With(new ContourSeries(grid) { Levels = [0.5, 1, 1.5], Filled = true });

        SvgQuery svg = SvgQuery.Render(chart);

        string[] bandFills = [.. svg.WithClass("contour-band").Select(b => (string)b.Attribute("fill")!)];
        string[] barFills = [.. svg.WithClass("colorbar-band").Select(b => (string)b.Attribute("fill")!)];
        Assert.Equal(4, barFills.Length);
        Assert.Equal(bandFills.Order(), barFills.Order());
    }

    [Fact]
    public void LogAxis_InTheRangeOfLosses_UsesPlainNumbers()
    {
        var chart = new Chart { XAxis = Axis.Log("FLOPs"), YAxis = Axis.Log("Loss") }
            .With(new LineSeries([new(1e18, 4.0), new(1e22, 1.9)]));

        SvgQuery svg = SvgQuery.Render(chart);

        Assert.Equal(["2", "3", "4"], svg.TickLabels("y").Take(3));
        Assert.All(svg.TickLabels("x"), l => Assert.StartsWith("10^", l, StringComparison.Ordinal));
    }
}

public class AnnotationTests
{
    [Fact]
    public void Annotations_AtNearbyPoints_DoNotOverlapEachOther()
    {
        var chart = new Chart { XAxis = Axis.Log().WithRange(1e18, 1e24), YAxis = Axis.Log().WithRange(1e8, 1e12) }.With(
            new MarkerAnnotation(new DataPoint(1e20, 1e10), "Chinchilla (70B)"),
            new MarkerAnnotation(new DataPoint(1.05e20, 1.1e10), "Gopher (280B)"));

        SvgQuery svg = SvgQuery.Render(chart);

        var boxes = svg.WithClass("annotation-text")
            .Select(t => (X: SvgQuery.Number(t, "x"), Baseline: SvgQuery.Number(t, "y"), Width: 0.6 * 12 * t.Value.Length)).ToArray();
        bool overlap = boxes[0].X < boxes[1].X + boxes[1].Width && boxes[1].X < boxes[0].X + boxes[0].Width
            && Math.Abs(boxes[0].Baseline - boxes[1].Baseline) < 12;
        Assert.False(overlap);
    }
}
