using System.Globalization;
using System.Xml.Linq;
using ScalingFit.Plotting;
using ScalingFit.Plotting.Svg;

namespace ScalingFit.Tests.Plotting;

public class SvgChartRendererTests
{
    private static readonly XNamespace Svg = SvgQuery.Svg;

    private static Chart FrontierChart()
    {
        double[] flops = Spacing.Log10(1e18, 1e24, 30);
        DataPoint[] runs = [.. Enumerable.Range(0, 25).Select(i => new DataPoint(Math.Pow(10, 18 + (i * 0.2)), 0.1 * Math.Pow(10, 9 + (i * 0.1)) * (1 + (0.1 * Math.Sin(i)))))];
        return new Chart
        {
            Title = "Compute-optimal model size",
            XAxis = Axis.Log("Training FLOPs"),
            YAxis = Axis.Log("Parameters", TickFormat.Si),
            ColorBar = new ColorBar("Final loss"),
        }.With(
            new BandSeries(flops, [.. flops.Select(c => 0.07 * Math.Sqrt(c))], [.. flops.Select(c => 0.14 * Math.Sqrt(c))]) { Label = "80% interval" },
            new LineSeries([.. flops.Select(c => new DataPoint(c, 0.1 * Math.Sqrt(c)))]) { Label = "Fitted frontier" },
            new ScatterSeries(runs) { ColorValues = [.. runs.Select((_, i) => 2 + (0.05 * i))], Label = "Runs" },
            new MarkerAnnotation(new DataPoint(5.76e23, 70e9), "Chinchilla (70B)"));
    }

    [Fact]
    public void Render_Document_IsStandaloneSvg11()
    {
        SvgQuery svg = SvgQuery.Render(FrontierChart());

        Assert.Equal(Svg + "svg", svg.Root.Name);
        Assert.Equal("1.1", (string?)svg.Root.Attribute("version"));
        Assert.Equal("640", (string?)svg.Root.Attribute("width"));
        Assert.Equal("0 0 640 460", (string?)svg.Root.Attribute("viewBox"));
        Assert.Contains("DejaVu Sans", (string?)svg.Root.Attribute("font-family"));
        Assert.Empty(svg.Document.Descendants(Svg + "style"));
        Assert.Empty(svg.Document.Descendants(Svg + "script"));
        Assert.DoesNotContain("href", svg.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LogAxisFrom1e18To1e22_LabelsAllFiveDecades()
    {
        var chart = new Chart { XAxis = Axis.Log("FLOPs").WithRange(1e18, 1e22), YAxis = Axis.Linear("Loss") }
            .With(new LineSeries([new(1e18, 3.0), new(1e22, 2.0)]));

        IReadOnlyList<string> labels = SvgQuery.Render(chart).TickLabels("x");

        Assert.Equal(["10^18", "10^19", "10^20", "10^21", "10^22"], labels);
    }

    [Fact]
    public void Render_AutoRangedLogAxis_StillShowsEveryDecadeOfTheData()
    {
        var chart = new Chart { XAxis = Axis.Log("FLOPs"), YAxis = Axis.Log("Loss") }
            .With(new ScatterSeries([new(1e18, 3.0), new(1e20, 2.5), new(1e22, 2.0)]));

        IReadOnlyList<string> labels = SvgQuery.Render(chart).TickLabels("x");

        Assert.Equal(["10^18", "10^19", "10^20", "10^21", "10^22"], labels);
    }

    [Fact]
    public void Render_SiAxisFrom1e8To1e11_ShowsCountLabels()
    {
        var chart = new Chart { XAxis = Axis.Log("Parameters", TickFormat.Si).WithRange(1e8, 1e11), YAxis = Axis.Linear("Loss") }
            .With(new LineSeries([new(1e8, 3.0), new(1e11, 2.0)]));

        IReadOnlyList<string> labels = SvgQuery.Render(chart).TickLabels("x");

        Assert.Equal(["100M", "1B", "10B", "100B"], labels);
    }

    [Fact]
    public void Render_Legend_HasOneEntryPerLabelledSeries()
    {
        Chart chart = FrontierChart().With(new LineSeries([new(1e19, 1e9), new(1e20, 3e9)]) { Label = null });

        SvgQuery svg = SvgQuery.Render(chart);

        string[] entries = [.. svg.WithClass("legend-entry").Select(e => e.Element(Svg + "text")!.Value)];
        Assert.Equal(["80% interval", "Fitted frontier", "Runs"], entries);
    }

    [Fact]
    public void Render_NoLabelledSeries_DrawsNoLegend()
    {
        var chart = new Chart().With(new LineSeries([new(0, 0), new(1, 1)]));

        Assert.Empty(SvgQuery.Render(chart).WithClass("legend"));
    }

    [Theory]
    [InlineData(LegendPlacement.TopLeft)]
    [InlineData(LegendPlacement.TopRight)]
    [InlineData(LegendPlacement.BottomLeft)]
    [InlineData(LegendPlacement.BottomRight)]
    [InlineData(LegendPlacement.Auto)]
    public void Render_InsideLegend_StaysInsideThePlotArea(LegendPlacement placement)
    {
        SvgQuery svg = SvgQuery.Render(FrontierChart() with { Legend = placement });

        (double x, double y, double w, double h) = svg.PlotArea();
        XElement box = svg.WithClass("legend-box").Single();
        Assert.InRange(SvgQuery.Number(box, "x"), x, x + w);
        Assert.InRange(SvgQuery.Number(box, "x") + SvgQuery.Number(box, "width"), x, x + w);
        Assert.InRange(SvgQuery.Number(box, "y"), y, y + h);
        Assert.InRange(SvgQuery.Number(box, "y") + SvgQuery.Number(box, "height"), y, y + h);
    }

    [Fact]
    public void Render_OutsideRightLegend_SitsRightOfTheColourBarLabels()
    {
        SvgQuery svg = SvgQuery.Render(FrontierChart() with { Legend = LegendPlacement.OutsideRight });

        XElement box = svg.WithClass("legend-box").Single();
        double colourBarLabelRight = svg.WithClass("tick-labels").Where(g => ((string)g.Attribute("class")!).Contains("colorbar", StringComparison.Ordinal))
            .SelectMany(g => g.Elements(Svg + "text")).Max(t => SvgQuery.Number(t, "x"));
        Assert.True(SvgQuery.Number(box, "x") > colourBarLabelRight);
        Assert.True(SvgQuery.Number(box, "x") + SvgQuery.Number(box, "width") <= 640);
    }

    [Fact]
    public void Render_EmptyChart_RendersWithNoDataNote()
    {
        SvgQuery svg = SvgQuery.Render(new Chart { Title = "Nothing yet", XAxis = Axis.Log("FLOPs"), YAxis = Axis.Linear("Loss") });

        Assert.Equal("No data", svg.WithClass("no-data").Single().Value);
        Assert.NotEmpty(svg.TickLabels("x"));
    }

    [Fact]
    public void Render_OnlyUnusableValues_CountsAsNoData()
    {
        var chart = new Chart { XAxis = Axis.Log(), YAxis = Axis.Log() }
            .With(new ScatterSeries([new(-1, 2), new(double.NaN, 1), new(0, 0), new(double.PositiveInfinity, 3)]));

        SvgQuery svg = SvgQuery.Render(chart);

        Assert.Single(svg.WithClass("no-data"));
        Assert.Empty(svg.Document.Descendants(Svg + "circle"));
    }

    [Fact]
    public void Render_SinglePoint_GetsAFiniteRangeAroundIt()
    {
        var chart = new Chart { XAxis = Axis.Log("FLOPs"), YAxis = Axis.Linear("Loss") }.With(new ScatterSeries([new(3e20, 2.5)]));

        SvgQuery svg = SvgQuery.Render(chart);

        XElement circle = svg.Document.Descendants(Svg + "circle").Single();
        (double x, double y, double w, double h) = svg.PlotArea();
        Assert.Equal(x + (w / 2), SvgQuery.Number(circle, "cx"), 0);
        Assert.Equal(y + (h / 2), SvgQuery.Number(circle, "cy"), 0);
        Assert.True(svg.TickLabels("x").Count >= 2);
        Assert.True(svg.TickLabels("y").Count >= 2);
        Assert.Empty(svg.WithClass("no-data"));
        Assert.DoesNotContain("NaN", svg.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScatterWithExplicitRange_DrawsOnlyPointsInsideThePlotArea()
    {
        DataPoint[] points = [.. Enumerable.Range(0, 200).Select(i => new DataPoint(Math.Pow(10, 16 + (i * 0.05)), Math.Pow(10, 7 + (i * 0.03))))];
        var chart = new Chart
        {
            XAxis = Axis.Log("FLOPs").WithRange(1e18, 1e22),
            YAxis = Axis.Log("Parameters", TickFormat.Si).WithRange(1e8, 1e11),
        }.With(new ScatterSeries(points) { Label = "runs" }, new LineSeries(points) { Label = "path" });

        SvgQuery svg = SvgQuery.Render(chart);

        (double x, double y, double w, double h) = svg.PlotArea();
        XElement[] circles = [.. svg.Document.Descendants(Svg + "circle")];
        Assert.NotEmpty(circles);
        Assert.True(circles.Length < points.Length);
        Assert.All(circles.Where(c => c.Ancestors().Any(a => (string?)a.Attribute("class") == "data")), c =>
        {
            Assert.InRange(SvgQuery.Number(c, "cx"), x, x + w);
            Assert.InRange(SvgQuery.Number(c, "cy"), y, y + h);
        });
        XElement data = svg.WithClass("data").Single();
        Assert.Equal("url(#p0-clip)", (string?)data.Attribute("clip-path"));
    }

    [Fact]
    public void Render_LineLeavingTheRange_IsCutAtThePlotEdges()
    {
        var chart = new Chart { XAxis = Axis.Linear().WithRange(0, 1), YAxis = Axis.Linear().WithRange(0, 1) }
            .With(new LineSeries([new(-5, -5), new(0.5, 0.5), new(1e300, 1e300)]));

        SvgQuery svg = SvgQuery.Render(chart);

        (double x, double y, double w, double h) = svg.PlotArea();
        string d = (string)svg.WithClass("line").Single().Attribute("d")!;
        double[] numbers = [.. d.Split(['M', 'L', ','], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
        for (int i = 0; i < numbers.Length; i += 2)
        {
            Assert.InRange(numbers[i], x - 0.01, x + w + 0.01);
            Assert.InRange(numbers[i + 1], y - 0.01, y + h + 0.01);
        }
    }

    [Fact]
    public void Render_ColourBar_GradientRunsFromViridisStartToEnd()
    {
        SvgQuery svg = SvgQuery.Render(FrontierChart());

        XElement[] stops = [.. svg.Document.Descendants(Svg + "linearGradient").Single().Elements(Svg + "stop")];
        Assert.Equal("#440154", (string?)stops[0].Attribute("stop-color"));
        Assert.Equal("#fde725", (string?)stops[^1].Attribute("stop-color"));
        Assert.NotEmpty(svg.TickLabels("colorbar"));
    }

    [Fact]
    public void Render_ScatterColouredByValue_EndsOfTheRangeGetViridisEndColours()
    {
        var chart = new Chart { ColorBar = new ColorBar("loss") }
            .With(new ScatterSeries([new(0, 0), new(1, 1), new(2, 2)]) { ColorValues = [1.0, 2.0, 3.0] });

        string[] fills = [.. SvgQuery.Render(chart).Document.Descendants(Svg + "circle").Select(c => (string)c.Attribute("fill")!)];

        Assert.Equal("#440154", fills[0]);
        Assert.Equal("#fde725", fills[2]);
    }

    [Fact]
    public void Render_UnderCommaDecimalCulture_IsIdenticalToInvariant()
    {
        Chart chart = FrontierChart();
        FigureGrid figure = new([chart, ContourChart()]);
        string invariant, invariantFigure, comma, commaFigure;
        CultureInfo original = CultureInfo.CurrentCulture, originalUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = SvgChartRenderer.Default.Render(chart);
            invariantFigure = SvgChartRenderer.Default.Render(figure);
            CultureInfo.CurrentCulture = CommaDecimalCulture();
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture;
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the culture really is comma-decimal
            comma = SvgChartRenderer.Default.Render(chart);
            commaFigure = SvgChartRenderer.Default.Render(figure);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }

        Assert.Equal(invariant, comma);
        Assert.Equal(invariantFigure, commaFigure);
    }

    /// <summary>
    /// de-DE's number format. The build sets InvariantGlobalization, under which <c>new CultureInfo("de-DE")</c> throws, so
    /// the German separators are set on a copy of the invariant culture (comma decimal, dot grouping, and a typographic minus
    /// as some cultures use, to catch any number formatted with the current culture).
    /// </summary>
    private static CultureInfo CommaDecimalCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.PercentDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "\u2212";
        return culture;
    }

    private static Chart ContourChart() =>
        new Chart { XAxis = Axis.Linear("x"), YAxis = Axis.Linear("y"), ColorBar = new ColorBar("z") }.With(
            new ContourSeries(ScalarGrid.Sample(Spacing.Linear(-2, 2, 41), Spacing.Linear(-2, 2, 41), (x, y) => (x * x) + (y * y)))
            {
                Levels = [0.5, 1, 2, 3],
                Label = "z = x² + y²",
            });

    [Fact]
    public void Render_ContoursOfParaboloid_DrawAClosedPathAtEachLevel()
    {
        SvgQuery svg = SvgQuery.Render(ContourChart());

        XElement[] lines = [.. svg.WithClass("contour-line")];
        Assert.Equal(["z = 0.5", "z = 1", "z = 2", "z = 3"], lines.Select(l => l.Element(Svg + "title")!.Value));
        (double x, double y, double w, double h) = svg.PlotArea();
        foreach (XElement line in lines)
        {
            string d = (string)line.Attribute("d")!;
            Assert.Equal(1, d.Count(c => c == 'M'));
            Assert.EndsWith("Z", d, StringComparison.Ordinal);
            // The circles are centred on the plot area.
            double[] numbers = [.. d.TrimEnd('Z').Split(['M', 'L', ','], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
            double meanX = numbers.Where((_, i) => i % 2 == 0).Average(), meanY = numbers.Where((_, i) => i % 2 == 1).Average();
            Assert.Equal(x + (w / 2), meanX, 0);
            Assert.Equal(y + (h / 2), meanY, 0);
        }
    }

    [Fact]
    public void Render_FilledContours_DrawOneBandPerIntervalInViridis()
    {
        Chart chart = ContourChart() with { Series = [(ContourChart().Series[0] as ContourSeries)! with { Filled = true }] };

        SvgQuery svg = SvgQuery.Render(chart);

        XElement[] bands = [.. svg.WithClass("contour-band")];
        Assert.Equal(5, bands.Length); // below 0.5, 0.5–1, 1–2, 2–3, above 3
        Assert.Equal(5, bands.Select(b => (string)b.Attribute("fill")!).Distinct().Count());
        Assert.Equal(4, svg.WithClass("contour-line").Count());
    }

    [Fact]
    public void Render_AnnotationNearTheRightEdge_FlipsItsTextToTheLeft()
    {
        var chart = new Chart { XAxis = Axis.Log().WithRange(1e18, 1e24), YAxis = Axis.Log().WithRange(1e8, 1e12) }
            .With(new MarkerAnnotation(new DataPoint(9e23, 70e9), "Chinchilla (70B)"));

        SvgQuery svg = SvgQuery.Render(chart);

        (double x, double _, double w, double _) = svg.PlotArea();
        double markerX = x + (w * (Math.Log10(9e23) - 18) / 6);
        XElement text = svg.WithClass("annotation-text").Single();
        double left = SvgQuery.Number(text, "x");
        Assert.True(left >= x, "text starts left of the plot area");
        Assert.True(left + (0.5 * 12 * text.Value.Length) < markerX, "text was not moved to the left of its marker");
    }

    [Fact]
    public void Render_AnnotationWithRoom_KeepsItsPreferredSide()
    {
        var chart = new Chart { XAxis = Axis.Log().WithRange(1e18, 1e24), YAxis = Axis.Log().WithRange(1e8, 1e12) }
            .With(new MarkerAnnotation(new DataPoint(1e20, 1e10), "Chinchilla (70B)"));

        SvgQuery svg = SvgQuery.Render(chart);

        (double x, double _, double w, double _) = svg.PlotArea();
        double markerX = x + (w * 2 / 6);
        Assert.True(SvgQuery.Number(svg.WithClass("annotation-text").Single(), "x") > markerX);
    }

    [Fact]
    public void Render_ManyDecades_TickLabelsDoNotOverlap()
    {
        var chart = new Chart { Width = 360, Height = 300, XAxis = Axis.Log("x", TickFormat.Si), YAxis = Axis.Log("y") }
            .With(new LineSeries([new(1, 1e-5), new(1e14, 1e15)]));

        SvgQuery svg = SvgQuery.Render(chart);

        double[] xs = [.. svg.WithClass("tick-labels").First(g => ((string)g.Attribute("class")!).EndsWith(" x", StringComparison.Ordinal))
            .Elements(Svg + "text").Select(t => SvgQuery.Number(t, "x"))];
        string[] texts = [.. svg.TickLabels("x")];
        for (int i = 1; i < xs.Length; i++)
        {
            double needed = 0.64 * 12 * (texts[i - 1].Length + texts[i].Length) / 2;
            Assert.True(xs[i] - xs[i - 1] >= needed, $"labels {texts[i - 1]} and {texts[i]} overlap");
        }
        double[] ys = [.. svg.WithClass("tick-labels").First(g => ((string)g.Attribute("class")!).EndsWith(" y", StringComparison.Ordinal))
            .Elements(Svg + "text").Select(t => SvgQuery.Number(t, "y")).Order()];
        for (int i = 1; i < ys.Length; i++)
            Assert.True(ys[i] - ys[i - 1] >= 12, "y labels overlap");
    }

    [Fact]
    public void Render_FigureGrid_PlacesPanelsSideBySideWithUniqueIds()
    {
        var figure = new FigureGrid([FrontierChart(), ContourChart(), new Chart()]) { Title = "Figure 3", PanelWidth = 400, PanelHeight = 320 };

        SvgQuery svg = SvgQuery.Render(figure);

        Assert.Equal("1200", (string?)svg.Root.Attribute("width"));
        XElement[] panels = [.. svg.WithClass("panel")];
        Assert.Equal(3, panels.Length);
        Assert.Equal(["translate(0 ", "translate(400 ", "translate(800 "], panels.Select(p => ((string)p.Attribute("transform")!)[..(((string)p.Attribute("transform")!).IndexOf(' ') + 1)]));
        string[] ids = [.. svg.Document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()];
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(["(a)", "(b)", "(c)"], svg.WithClass("panel-letter").Select(t => t.Value));
    }

    [Fact]
    public void Render_TextWithMarkupCharacters_IsEscaped()
    {
        var chart = new Chart { Title = "L < 2 & \"D > N\"" }.With(new LineSeries([new(0, 0), new(1, 1)]) { Label = "<script>" });

        SvgQuery svg = SvgQuery.Render(chart);

        Assert.Equal("L < 2 & \"D > N\"", svg.WithClass("title").Single().Value);
        Assert.Empty(svg.Document.Descendants(Svg + "script"));
    }

    [Fact]
    public void Render_SameChartTwice_IsByteIdentical()
    {
        Assert.Equal(SvgChartRenderer.Default.Render(FrontierChart()), SvgChartRenderer.Default.Render(FrontierChart()));
    }

    [Fact]
    public void Renderer_IsUsableThroughTheInterface()
    {
        IChartRenderer renderer = new SvgChartRenderer();

        Assert.StartsWith("<?xml", renderer.Render(new Chart()), StringComparison.Ordinal);
    }
}
