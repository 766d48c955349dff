using ScalingFit.Plotting.Figures;

namespace ScalingFit.Tests.Plotting.Figures;

/// <summary>The envelope (Figure 2) and IsoFLOP (Figure 3) figures.</summary>
public class AllocationFigureTests
{
    [Fact]
    public void Envelope_Normal_DrawsEveryCurveColouredBySizeWithASiColourBar()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        SvgQuery svg = SvgQuery.Render(EnvelopeFigure.Build(inputs.Envelope!, inputs.Curves));
        var panels = Panels.Of(svg);

        Assert.Equal(3, panels.Count);
        Assert.Equal(inputs.Curves!.Curves.Count, Panels.WithClass(panels[0], "line").Count());
        // Eight sizes from 44M to 3B, one colour each.
        var strokes = Panels.WithClass(panels[0], "line").Select(l => (string)l.Attribute("stroke")!).Distinct().ToArray();
        Assert.Equal(8, strokes.Length);
        var barLabels = Panels.TickLabels(panels[0], "colorbar");
        Assert.Contains("100M", barLabels);
        Assert.Contains("1B", barLabels);
        Assert.Contains("Envelope, fitted", Panels.LegendLabels(panels[0]));
    }

    [Fact]
    public void Envelope_Normal_AllocationPanelsShowTheFitAndItsProjection()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        SvgQuery svg = SvgQuery.Render(EnvelopeFigure.Build(inputs.Envelope!, inputs.Curves));
        var panels = Panels.Of(svg);

        Assert.Contains(Panels.LegendLabels(panels[1]), l => l.StartsWith("Fit: N_opt ∝ C^", StringComparison.Ordinal));
        Assert.Contains(Panels.LegendLabels(panels[2]), l => l.StartsWith("Fit: D_opt ∝ C^", StringComparison.Ordinal));
        Assert.Contains("95% interval of a", Panels.LegendLabels(panels[1]));
        Assert.Contains(Panels.WithClass(panels[1], "annotation-text"), t => t.Value.EndsWith("at 5.76e23", StringComparison.Ordinal));
        Assert.Equal("10^24", Panels.TickLabels(panels[1], "x")[^1]);
        foreach (var panel in panels)
            Panels.AssertCirclesInsidePlot(panel);
    }

    [Fact]
    public void Envelope_ManyFrontierPoints_AreThinnedToTheMarkerLimit()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        SvgQuery svg = SvgQuery.Render(EnvelopeFigure.Build(inputs.Envelope!, inputs.Curves, FigureOptions.Default with { MaxFrontierMarkers = 50 }));

        int markers = Panels.WithClass(Panels.Of(svg)[1], "scatter").Sum(g => Panels.Markers(g).Count);

        Assert.InRange(markers, 1, 50);
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Envelope_AnyInput_RendersThreePanels(string name)
    {
        FigureInputs inputs = FigureFixtures.Case(name);

        SvgQuery svg = SvgQuery.Render(EnvelopeFigure.Build(inputs.Envelope!, inputs.CurveData));

        Assert.Equal(3, Panels.Of(svg).Count);
        if (name != "normal")
            Assert.Equal(3, svg.WithClass("no-data").Count());
    }

    [Fact]
    public void IsoFlop_Normal_DrawsEveryRunAParabolaAndAVertexPerBudget()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        SvgQuery svg = SvgQuery.Render(IsoFlopFigure.Build(inputs.IsoFlop!));
        var valleys = Panels.Of(svg)[0];

        int runs = Panels.WithClass(valleys, "scatter").Where(g => g.Element(SvgQuery.Svg + "title") is null).Sum(g => Panels.Markers(g).Count);
        Assert.Equal(inputs.Runs!.Runs.Count, runs);
        Assert.Equal(9, Panels.WithClass(valleys, "line").Count());
        var vertices = Panels.Series(valleys, "scatter", t => t == "Minimum (N_opt)");
        Assert.NotNull(vertices);
        Assert.Equal(9, Panels.Markers(vertices).Count);
        Assert.Equal(["10^19", "10^20", "10^21"], Panels.TickLabels(valleys, "colorbar"));
        Assert.Equal(["Runs", "Parabola in ln N", "Minimum (N_opt)"], Panels.LegendLabels(valleys));
        Panels.AssertCirclesInsidePlot(valleys);
    }

    [Fact]
    public void IsoFlop_Normal_AllocationPanelsSpanTheBudgetsAndTheProjection()
    {
        SvgQuery svg = SvgQuery.Render(IsoFlopFigure.Build(FigureFixtures.Normal.IsoFlop!));
        var panels = Panels.Of(svg);

        Assert.Equal(["10^18", "10^19", "10^20", "10^21", "10^22", "10^23", "10^24"], Panels.TickLabels(panels[1], "x"));
        Assert.Contains(Panels.LegendLabels(panels[1]), l => l.StartsWith("Fit: N_opt ∝ C^", StringComparison.Ordinal));
        Assert.Contains(Panels.LegendLabels(panels[2]), l => l.StartsWith("Fit: D_opt ∝ C^", StringComparison.Ordinal));
        Assert.Single(Panels.WithClass(panels[1], "band"));
    }

    [Fact]
    public void IsoFlop_SingleBudget_ShowsTheValleyAndSaysNoPowerLawWasFitted()
    {
        SvgQuery svg = SvgQuery.Render(IsoFlopFigure.Build(FigureFixtures.SingleBudget.IsoFlop!));
        var panels = Panels.Of(svg);

        Assert.Equal("IsoFLOP profile (1 budget)", Panels.Title(panels[0]));
        Assert.Single(Panels.WithClass(panels[0], "line"));
        Assert.Equal("N_opt: 1 budget, no power law", Panels.Title(panels[1]));
        Assert.Empty(Panels.WithClass(panels[1], "line"));
        // The one vertex is drawn, inside the axes.
        Assert.Single(Panels.WithClass(panels[1], "scatter"));
        Assert.Empty(svg.WithClass("no-data"));
    }

    [Fact]
    public void IsoFlop_NoRuns_RendersNoDataNotes()
    {
        SvgQuery svg = SvgQuery.Render(IsoFlopFigure.Build(FigureFixtures.Empty.IsoFlop!));

        Assert.Equal(3, svg.WithClass("no-data").Count());
        Assert.Equal("IsoFLOP profiles (no budgets)", Panels.Title(Panels.Of(svg)[0]));
    }
}
