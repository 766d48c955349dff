using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Plotting;
using ScottPlot;

namespace ScalingFit.Tests.Plotting.Figures;

public class ParametricFigureTests
{
    [Fact]
    public void Build_Normal_FilledContoursFrontierAndEveryRunColouredByLoss()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        Figure figure = ParametricFigure.Build(inputs.Parametric!, inputs.Runs);
        Plot contour = figure[0];

        FilledContours bands = Assert.Single(Panels.Of<FilledContours>(contour));
        Assert.True(bands.Bands.Count >= 5);
        Assert.All(bands.Bands, b => Assert.NotEmpty(b.Polygons));
        Assert.Contains("Efficient frontier", Panels.LegendLabels(contour));
        ColoredMarkers runs = Assert.Single(Panels.Of<ColoredMarkers>(contour));
        Assert.StartsWith("Runs", runs.LegendText, StringComparison.Ordinal);
        Assert.Equal(inputs.Runs!.Runs.Count, runs.Points.Count);
        // Coloured by loss: the lowest-loss run is the darkest (viridis starts dark).
        Assert.True(runs.Colors.Distinct().Count() > 10);
        Assert.Equal("Loss", Panels.ColorBar(contour)!.Label);
        Assert.StartsWith("L̂ = ", Panels.Title(contour), StringComparison.Ordinal);
        // Decades on both log axes.
        Assert.Equal(["10¹⁸", "10¹⁹", "10²⁰", "10²¹", "10²²", "10²³", "10²⁴"], Panels.TickLabels(figure, 0, "x"));
        Assert.Contains("1B", Panels.TickLabels(figure, 0, "y"));
        Panels.AssertMarkersInsideAxes(figure, 0);
    }

    [Fact]
    public void Build_Normal_ContourBandsAreColouredInLossOrder()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        FilledContours bands = Panels.Of<FilledContours>(ParametricFigure.Build(inputs.Parametric!, inputs.Runs)[0]).Single();

        // Levels ascend in nice steps; viridis runs dark (low loss) to light (high loss), so each band is lighter than the last.
        Assert.True(bands.Levels.Zip(bands.Levels.Skip(1)).All(p => p.Second > p.First));
        double[] brightness = [.. bands.Bands.Select(b => b.Color.R + b.Color.G + (double)b.Color.B)];
        Assert.True(brightness.Zip(brightness.Skip(1)).Count(p => p.Second > p.First) >= brightness.Length - 2);
    }

    [Fact]
    public void Build_Normal_SlicesAtTheRunsBudgetsWithTheirRunsAndMinima()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        Figure figure = ParametricFigure.Build(inputs.Parametric!, inputs.Runs);
        Plot slices = figure[1];

        Assert.Equal("IsoFLOP slices (5 budgets)", Panels.Title(slices));
        Assert.Equal(5, Panels.Lines(slices).Count);
        var minima = Panels.Series(slices, t => t == "Minimum (N_opt)");
        Assert.NotNull(minima);
        Assert.Equal(5, minima.Count);
        // Five of the nine labelled budgets, nine runs each.
        Assert.Equal(45, Panels.UnlabelledMarkers(slices));
        Panels.AssertMarkersInsideAxes(figure, 1);
    }

    [Fact]
    public void Build_DropHighest_ShowsTheDroppedRunsSeparately()
    {
        RunSet runs = SweepSimulator.IsoFlop(SimulationOptions.Default);
        ParametricFitResult fit = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, DropHighest = 5 });

        Plot contour = ParametricFigure.Build(fit, runs)[0];

        Assert.Contains("Dropped (5 highest losses)", Panels.LegendLabels(contour));
        Assert.Equal(5, Panels.Series(contour, t => t.StartsWith("Dropped", StringComparison.Ordinal))!.Count);
        Assert.Equal(runs.Runs.Count - 5, Panels.Series(contour, t => t.StartsWith("Runs", StringComparison.Ordinal))!.Count);
    }

    [Fact]
    public void Build_WithoutRuns_DrawsTheLawAlone()
    {
        Figure figure = ParametricFigure.Build(FigureFixtures.Normal.Parametric!, null);

        Assert.Single(Panels.Of<FilledContours>(figure[0]));
        Assert.DoesNotContain(figure.Panels, Panels.HasNoDataNote);
    }

    [Fact]
    public void Build_SingleBudget_RendersOneSlice()
    {
        FigureInputs inputs = FigureFixtures.SingleBudget;

        Figure figure = ParametricFigure.Build(inputs.Parametric!, inputs.Runs);

        Assert.Equal("IsoFLOP slice (1 budget)", Panels.Title(figure[1]));
        Assert.Single(Panels.Lines(figure[1]));
    }

    [Fact]
    public void Build_NoRuns_SaysSoInBothPanels()
    {
        FigureInputs inputs = FigureFixtures.Empty;

        Figure figure = ParametricFigure.Build(inputs.Parametric!, inputs.Runs);

        Assert.Equal(2, figure.Panels.Count(Panels.HasNoDataNote));
        Assert.Equal("IsoFLOP slices (law not fitted)", Panels.Title(figure[1]));
    }

    [Fact]
    public void Build_UnlabelledRuns_SlicesAtTheClustersOfRuns()
    {
        var runs = new RunSet([.. SweepSimulator.IsoFlop(SimulationOptions.Default, [1e19, 1e20, 1e21]).Runs.Select(r => r with { FlopBudget = null })]);
        ParametricFitResult fit = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse });

        Plot slices = ParametricFigure.Build(fit, runs)[1];

        Assert.Equal("IsoFLOP slices (3 budgets)", Panels.Title(slices));
        Assert.Equal(27, Panels.UnlabelledMarkers(slices));
    }
}
