using ScalingFit.Plotting;
using ScottPlot;
using ScottPlot.Plottables;

namespace ScalingFit.Tests.Plotting.Figures;

/// <summary>Residuals, bootstrap histograms and the histogram helper.</summary>
public class DiagnosticFigureTests
{
    [Fact]
    public void Residuals_Normal_OnePanelPerApproach()
    {
        FigureInputs inputs = FigureFixtures.Normal;

        Figure figure = ResidualsFigure.Build(inputs);

        Assert.Equal(["Approach 1 (envelope)", "Approach 2 (IsoFLOP)", "Approach 3 (parametric)"], figure.Panels.Select(Panels.Title));
        Assert.Equal(inputs.Runs!.Runs.Count, Panels.MarkerSeries(figure[1]).Sum(s => s.Points.Count));
        Assert.Equal(inputs.Runs.Runs.Count, Panels.MarkerSeries(figure[2]).Sum(s => s.Points.Count));
        Assert.Equal("ln L − ln L̂", figure[2].Axes.Left.Label.Text);
        Assert.Equal("Training FLOPs", Panels.ColorBar(figure[2])!.Label);
        for (int i = 0; i < 3; i++)
            Panels.AssertMarkersInsideAxes(figure, i);
    }

    [Fact]
    public void Residuals_Normal_ParametricResidualsAreSmallAndCentred()
    {
        FigureInputs inputs = FigureFixtures.Normal;

        var residuals = Panels.MarkerSeries(ResidualsFigure.Build(inputs)[2]).SelectMany(s => s.Points).Select(p => p.Y).ToArray();

        // Simulated with 1% loss noise: ln-residuals within a few percent, mean near zero.
        Assert.All(residuals, r => Assert.InRange(r, -0.05, 0.05));
        Assert.InRange(residuals.Average(), -0.005, 0.005);
    }

    [Fact]
    public void Residuals_NoFits_OneEmptyPanel()
    {
        Figure figure = ResidualsFigure.Build(new FigureInputs());

        Plot panel = Assert.Single(figure.Panels);
        Assert.True(Panels.HasNoDataNote(panel));
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Residuals_AnyInput_Renders(string name)
    {
        Figure figure = ResidualsFigure.Build(FigureFixtures.Case(name));

        Assert.Equal(3, figure.Panels.Count);
        Assert.NotEmpty(figure.ToPng());
    }

    [Fact]
    public void Bootstrap_Normal_HistogramOfEveryResampleWithEstimateAndInterval()
    {
        FigureInputs inputs = FigureFixtures.Normal;

        Figure figure = BootstrapFigure.Build(inputs.Fits);

        Assert.Equal(3, figure.Panels.Count);
        for (int i = 0; i < 3; i++)
        {
            var fit = inputs.Fits[i];
            var legend = Panels.LegendLabels(figure[i]);
            Assert.Contains($"{fit.Bootstrap!.Succeeded} resamples", legend);
            Assert.Contains(legend, l => l.StartsWith("95% interval (", StringComparison.Ordinal));
            Assert.Contains(legend, l => l.StartsWith("Estimate ", StringComparison.Ordinal));
            Assert.Single(Panels.Of<BarPlot>(figure[i]));
            // The x range holds the estimate and both ends of the interval.
            AxisLimits limits = figure[i].Axes.GetLimits();
            Assert.InRange(fit.ExponentA.Value, limits.Left, limits.Right);
            Assert.InRange(fit.ExponentA.Interval!.Value.Low, limits.Left, limits.Right);
            Assert.InRange(fit.ExponentA.Interval!.Value.High, limits.Left, limits.Right);
        }
    }

    [Theory]
    [MemberData(nameof(FigureFixtures.Cases), MemberType = typeof(FigureFixtures))]
    public void Bootstrap_AnyInput_RendersOnePanelPerFit(string name)
    {
        FigureInputs inputs = FigureFixtures.Case(name);

        Figure figure = BootstrapFigure.Build(inputs.Fits);

        Assert.Equal(inputs.Fits.Count, figure.Panels.Count);
    }

    [Fact]
    public void Bootstrap_FitWithoutBootstrap_SaysSo()
    {
        Figure figure = BootstrapFigure.Build([FigureFixtures.SingleBudget.Envelope]);

        Assert.Equal("Approach 1 (envelope): no bootstrap", Panels.Title(figure[0]));
        Assert.True(Panels.HasNoDataNote(figure[0]));
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
        Assert.Empty(h.Edges);
    }

    [Fact]
    public void Bootstrap_Normal_OneBarPerNonEmptyBinWithTheBinsCounts()
    {
        var fit = FigureFixtures.Normal.IsoFlop!;
        double[] samples = [.. fit.Bootstrap!.Samples("a").Where(double.IsFinite)];
        Histogram h = Histogram.Of(samples);

        BarPlot bars = Panels.Of<BarPlot>(BootstrapFigure.Build([fit])[0]).Single();

        Assert.Equal(h.Counts.Count(c => c > 0), bars.Bars.Count);
        Assert.Equal(samples.Length, bars.Bars.Sum(b => b.Value));
        Assert.All(bars.Bars, b => Assert.InRange(b.Position, h.Edges[0], h.Edges[^1]));
    }
}
