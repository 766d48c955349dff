using ScalingFit.Plotting;
using ScalingFit.Plotting.Figures;

namespace ScalingFit.Tests.Plotting.Figures;

/// <summary>Residuals, bootstrap histograms and the histogram helper.</summary>
public class DiagnosticFigureTests
{
    [Fact]
    public void Residuals_Normal_OnePanelPerApproach()
    {
        FigureInputs inputs = FigureFixtures.Normal;

        SvgQuery svg = SvgQuery.Render(ResidualsFigure.Build(inputs));
        var panels = Panels.Of(svg);

        Assert.Equal(["Approach 1 (envelope)", "Approach 2 (IsoFLOP)", "Approach 3 (parametric)"], panels.Select(Panels.Title));
        int isoFlopPoints = Panels.WithClass(panels[1], "scatter").Sum(g => Panels.Markers(g).Count);
        Assert.Equal(inputs.Runs!.Runs.Count, isoFlopPoints);
        int parametricPoints = Panels.WithClass(panels[2], "scatter").Sum(g => Panels.Markers(g).Count);
        Assert.Equal(inputs.Runs.Runs.Count, parametricPoints);
        Assert.Contains("ln L − ln L̂", svg.WithClass("axis-label").Select(a => a.Value));
        foreach (var panel in panels)
            Panels.AssertCirclesInsidePlot(panel);
    }

    [Fact]
    public void Residuals_NoFits_OneEmptyPanel()
    {
        SvgQuery svg = SvgQuery.Render(ResidualsFigure.Build(new FigureInputs()));

        Assert.Single(Panels.Of(svg));
        Assert.Single(svg.WithClass("no-data"));
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Residuals_AnyInput_Renders(string name)
    {
        SvgQuery svg = SvgQuery.Render(ResidualsFigure.Build(FigureFixtures.Case(name)));

        Assert.Equal(3, Panels.Of(svg).Count);
    }

    [Fact]
    public void Bootstrap_Normal_HistogramOfEveryResampleWithEstimateAndInterval()
    {
        FigureInputs inputs = FigureFixtures.Normal;

        SvgQuery svg = SvgQuery.Render(BootstrapFigure.Build(inputs.Fits));
        var panels = Panels.Of(svg);

        Assert.Equal(3, panels.Count);
        for (int i = 0; i < 3; i++)
        {
            var fit = inputs.Fits[i];
            var legend = Panels.LegendLabels(panels[i]);
            Assert.Contains($"{fit.Bootstrap!.Succeeded} resamples", legend);
            Assert.Contains(legend, l => l.StartsWith("95% interval (", StringComparison.Ordinal));
            Assert.Contains(legend, l => l.StartsWith("Estimate ", StringComparison.Ordinal));
            Assert.Single(Panels.WithClass(panels[i], "band"));
        }
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Bootstrap_AnyInput_RendersOnePanelPerFit(string name)
    {
        FigureInputs inputs = FigureFixtures.Case(name);

        SvgQuery svg = SvgQuery.Render(BootstrapFigure.Build(inputs.Fits));

        Assert.Equal(inputs.Fits.Count, Panels.Of(svg).Count);
    }

    [Fact]
    public void Bootstrap_FitWithoutBootstrap_SaysSo()
    {
        SvgQuery svg = SvgQuery.Render(BootstrapFigure.Build([FigureFixtures.SingleBudget.Envelope]));

        Assert.Equal("Approach 1 (envelope): no bootstrap", Panels.Title(Panels.Of(svg)[0]));
        Assert.Single(svg.WithClass("no-data"));
    }

    [Fact]
    public void Histogram_CountsEveryFiniteValueOnce()
    {
        double[] values = [.. Enumerable.Range(0, 100).Select(i => 0.4 + (0.001 * i)), double.NaN, double.PositiveInfinity];

        Histogram h = Histogram.Of(values, 10);

        Assert.Equal(100, h.Total);
        Assert.Equal(10, h.Counts.Count);
        Assert.Equal(11, h.Edges.Count);
        Assert.Equal(0.4, h.Edges[0], 12);
        Assert.Equal(0.499, h.Edges[^1], 12);
        Assert.All(h.Counts, c => Assert.Equal(10, c));
    }

    [Fact]
    public void Histogram_EqualValues_OneBarInTheMiddle()
    {
        Histogram h = Histogram.Of([0.5, 0.5, 0.5], 4);

        Assert.Equal(3, h.Total);
        Assert.Equal(5, h.Counts.Count);
        Assert.Equal(3, h.Counts[2]);
    }

    [Fact]
    public void Histogram_NoValues_NoBins()
    {
        Histogram h = Histogram.Of([]);

        Assert.Empty(h.Counts);
        Assert.IsType<BandSeries>(HistogramSeries.Create(h));
    }

    [Fact]
    public void HistogramSeries_OneBarPerNonEmptyBin_BrokenBetweenBars()
    {
        var h = new Histogram([0, 1, 2, 3], [2, 0, 5]);

        BandSeries band = HistogramSeries.Create(h, gap: 0);

        Assert.Equal([0, 1, double.NaN, 2, 3], band.X);
        Assert.Equal([2, 2, double.NaN, 5, 5], band.YHigh);
        SvgQuery svg = SvgQuery.Render(new Chart().With(band));
        Assert.Single(svg.WithClass("band"));
    }
}
