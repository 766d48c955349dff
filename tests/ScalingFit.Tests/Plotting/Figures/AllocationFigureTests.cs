using ScalingFit.Plotting;
using ScottPlot;

namespace ScalingFit.Tests.Plotting.Figures;

/// <summary>The envelope (Figure 2) and IsoFLOP (Figure 3) figures.</summary>
public class AllocationFigureTests
{
    [Fact]
    public void Envelope_Normal_DrawsEveryCurveColouredBySizeWithASiColourBar()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        Figure figure = EnvelopeFigure.Build(inputs.Envelope!, inputs.Curves);
        Plot curves = figure[0];

        Assert.Equal(3, figure.Panels.Count);
        Assert.Equal(inputs.Curves!.Curves.Count, Panels.Lines(curves).Count);
        // Eight sizes from 44M to 3B, one colour each.
        var colours = Panels.Lines(curves).OfType<ScottPlot.Plottables.Scatter>().Select(l => l.LineColor).Distinct().ToArray();
        Assert.Equal(8, colours.Length);
        Assert.Equal("Parameters", Panels.ColorBar(curves)!.Label);
        var barLabels = Panels.TickLabels(figure, 0, "colorbar");
        Assert.Contains("100M", barLabels);
        Assert.Contains("1B", barLabels);
        Assert.Contains("Envelope, fitted", Panels.LegendLabels(curves));
        Assert.Equal("Training FLOPs", curves.Axes.Bottom.Label.Text);
    }

    [Fact]
    public void Envelope_Normal_AllocationPanelsShowTheFitAndItsProjection()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        Figure figure = EnvelopeFigure.Build(inputs.Envelope!, inputs.Curves);

        Assert.Contains(Panels.LegendLabels(figure[1]), l => l.StartsWith("Fit: N_opt ∝ C^", StringComparison.Ordinal));
        Assert.Contains(Panels.LegendLabels(figure[2]), l => l.StartsWith("Fit: D_opt ∝ C^", StringComparison.Ordinal));
        Assert.Contains("95% interval of a", Panels.LegendLabels(figure[1]));
        Assert.Contains(Panels.Of<ScottPlot.Plottables.Text>(figure[1]), t => t.LabelText.EndsWith("at 5.76e23", StringComparison.Ordinal));
        Assert.Equal("10²⁴", Panels.TickLabels(figure, 1, "x")[^1]);
        // Panel (a) shows the losses the fitted envelope moves through and clips the first checkpoints above them.
        for (int i = 1; i < 3; i++)
            Panels.AssertMarkersInsideAxes(figure, i);
    }

    [Fact]
    public void Envelope_ManyFrontierPoints_AreThinnedToTheMarkerLimit()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        Figure figure = EnvelopeFigure.Build(inputs.Envelope!, inputs.Curves, FigureOptions.Default with { MaxFrontierMarkers = 50 });

        int markers = Panels.MarkerSeries(figure[1]).Where(s => s.Legend.StartsWith("Envelope", StringComparison.Ordinal)).Sum(s => s.Points.Count);

        Assert.InRange(markers, 1, 50);
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Envelope_AnyInput_RendersThreePanels(string name)
    {
        FigureInputs inputs = FigureFixtures.Case(name);

        Figure figure = EnvelopeFigure.Build(inputs.Envelope!, inputs.CurveData);

        Assert.Equal(3, figure.Panels.Count);
        Assert.NotEmpty(figure.ToPng());
        if (name != "normal")
            Assert.All(figure.Panels, p => Assert.True(Panels.HasNoDataNote(p)));
    }

    [Fact]
    public void IsoFlop_Normal_DrawsEveryRunAParabolaAndAVertexPerBudget()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        Figure figure = IsoFlopFigure.Build(inputs.IsoFlop!);
        Plot valleys = figure[0];

        Assert.Equal(inputs.Runs!.Runs.Count, Panels.UnlabelledMarkers(valleys));
        Assert.Equal(9, Panels.Lines(valleys).Count);
        var vertices = Panels.Series(valleys, t => t == "Minimum (N_opt)");
        Assert.NotNull(vertices);
        Assert.Equal(9, vertices.Count);
        Assert.Equal(["10¹⁹", "10²⁰", "10²¹"], Panels.TickLabels(figure, 0, "colorbar"));
        Assert.Equal(["Runs", "Parabola in ln N", "Minimum (N_opt)"], Panels.LegendLabels(valleys));
        Panels.AssertMarkersInsideAxes(figure, 0);
    }

    [Fact]
    public void IsoFlop_Normal_AllocationPanelsSpanTheBudgetsAndTheProjection()
    {
        Figure figure = IsoFlopFigure.Build(FigureFixtures.Normal.IsoFlop!);

        Assert.Equal(["10¹⁸", "10¹⁹", "10²⁰", "10²¹", "10²²", "10²³", "10²⁴"], Panels.TickLabels(figure, 1, "x"));
        (double lo, double hi) = Panels.Decades(figure[1].Axes.GetLimits().Left, figure[1].Axes.GetLimits().Right);
        Assert.Equal(1e18, lo, 1e18 * 1e-9);
        Assert.Equal(1e24, hi, 1e24 * 1e-9);
        Assert.Contains(Panels.LegendLabels(figure[1]), l => l.StartsWith("Fit: N_opt ∝ C^", StringComparison.Ordinal));
        Assert.Contains(Panels.LegendLabels(figure[2]), l => l.StartsWith("Fit: D_opt ∝ C^", StringComparison.Ordinal));
        Assert.Single(Panels.Of<ScottPlot.Plottables.FillY>(figure[1]));
    }

    [Fact]
    public void IsoFlop_SingleBudget_ShowsTheValleyAndSaysNoPowerLawWasFitted()
    {
        Figure figure = IsoFlopFigure.Build(FigureFixtures.SingleBudget.IsoFlop!);

        Assert.Equal("IsoFLOP profile (1 budget)", Panels.Title(figure[0]));
        Assert.Single(Panels.Lines(figure[0]));
        Assert.Equal("N_opt: 1 budget, no power law", Panels.Title(figure[1]));
        Assert.Empty(Panels.Lines(figure[1]));
        // The one vertex is drawn, inside the axes.
        Assert.Single(Panels.MarkerSeries(figure[1]));
        Panels.AssertMarkersInsideAxes(figure, 1);
        Assert.DoesNotContain(figure.Panels, Panels.HasNoDataNote);
    }

    [Fact]
    public void IsoFlop_NoRuns_RendersNoDataNotes()
    {
        Figure figure = IsoFlopFigure.Build(FigureFixtures.Empty.IsoFlop!);

        Assert.Equal(3, figure.Panels.Count(Panels.HasNoDataNote));
        Assert.Equal("IsoFLOP profiles (no budgets)", Panels.Title(figure[0]));
    }
}
