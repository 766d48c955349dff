using ScalingFit.Core.Domain;
using ScalingFit.Core.Simulation;
using ScalingFit.Fitting.Parametric;
using ScalingFit.Plotting.Figures;

namespace ScalingFit.Tests.Plotting.Figures;

public class ParametricFigureTests
{
    [Fact]
    public void Build_Normal_FilledContoursFrontierAndEveryRunColouredByLoss()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(inputs.Parametric!, inputs.Runs));
        var contour = Panels.Of(svg)[0];

        Assert.NotEmpty(Panels.WithClass(contour, "contour-band"));
        Assert.NotNull(Panels.Series(contour, "line", t => t == "Efficient frontier"));
        var runs = Panels.Series(contour, "scatter", t => t.StartsWith("Runs", StringComparison.Ordinal));
        Assert.NotNull(runs);
        Assert.Equal(inputs.Runs!.Runs.Count, Panels.Markers(runs).Count);
        Assert.Contains("Loss", svg.WithClass("axis-label").Select(a => a.Value));
        Assert.StartsWith("L̂ = ", Panels.Title(contour), StringComparison.Ordinal);
        // Decades on both log axes.
        Assert.Equal(["10^18", "10^19", "10^20", "10^21", "10^22", "10^23", "10^24"], Panels.TickLabels(contour, "x"));
        Assert.Contains("1B", Panels.TickLabels(contour, "y"));
        Panels.AssertCirclesInsidePlot(contour);
    }

    [Fact]
    public void Build_Normal_SlicesAtTheRunsBudgetsWithTheirRunsAndMinima()
    {
        FigureInputs inputs = FigureFixtures.Normal;
        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(inputs.Parametric!, inputs.Runs));
        var slices = Panels.Of(svg)[1];

        Assert.Equal("IsoFLOP slices (5 budgets)", Panels.Title(slices));
        Assert.Equal(5, Panels.WithClass(slices, "line").Count());
        var minima = Panels.Series(slices, "scatter", t => t == "Minimum (N_opt)");
        Assert.NotNull(minima);
        Assert.Equal(5, Panels.Markers(minima).Count);
        // Five of the nine labelled budgets, nine runs each.
        int runs = Panels.WithClass(slices, "scatter").Where(g => g.Element(SvgQuery.Svg + "title") is null).Sum(g => Panels.Markers(g).Count);
        Assert.Equal(45, runs);
        Panels.AssertCirclesInsidePlot(slices);
    }

    [Fact]
    public void Build_DropHighest_ShowsTheDroppedRunsSeparately()
    {
        RunSet runs = SweepSimulator.IsoFlop(SimulationOptions.Default);
        ParametricFitResult fit = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, DropHighest = 5 });

        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(fit, runs));
        var contour = Panels.Of(svg)[0];

        Assert.Contains("Dropped (5 highest losses)", Panels.LegendLabels(contour));
        Assert.Equal(5, Panels.Markers(Panels.Series(contour, "scatter", t => t.StartsWith("Dropped", StringComparison.Ordinal))!).Count);
        Assert.Equal(runs.Runs.Count - 5, Panels.Markers(Panels.Series(contour, "scatter", t => t.StartsWith("Runs", StringComparison.Ordinal))!).Count);
    }

    [Fact]
    public void Build_WithoutRuns_DrawsTheLawAlone()
    {
        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(FigureFixtures.Normal.Parametric!, null));

        Assert.NotEmpty(svg.WithClass("contour-band"));
        Assert.Empty(svg.WithClass("no-data"));
    }

    [Fact]
    public void Build_SingleBudget_RendersOneSlice()
    {
        FigureInputs inputs = FigureFixtures.SingleBudget;

        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(inputs.Parametric!, inputs.Runs));

        Assert.Equal("IsoFLOP slice (1 budget)", Panels.Title(Panels.Of(svg)[1]));
        Assert.Single(Panels.WithClass(Panels.Of(svg)[1], "line"));
    }

    [Fact]
    public void Build_NoRuns_SaysSoInBothPanels()
    {
        FigureInputs inputs = FigureFixtures.Empty;

        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(inputs.Parametric!, inputs.Runs));

        Assert.Equal(2, svg.WithClass("no-data").Count());
        Assert.Equal("IsoFLOP slices (law not fitted)", Panels.Title(Panels.Of(svg)[1]));
    }

    [Fact]
    public void Build_UnlabelledRuns_SlicesAtTheClustersOfRuns()
    {
        var runs = new RunSet([.. SweepSimulator.IsoFlop(SimulationOptions.Default, [1e19, 1e20, 1e21]).Runs.Select(r => r with { FlopBudget = null })]);
        ParametricFitResult fit = ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse });

        SvgQuery svg = SvgQuery.Render(ParametricFigure.Build(fit, runs));
        var slices = Panels.Of(svg)[1];

        Assert.Equal("IsoFLOP slices (3 budgets)", Panels.Title(slices));
        int near = Panels.WithClass(slices, "scatter").Where(g => g.Element(SvgQuery.Svg + "title") is null).Sum(g => Panels.Markers(g).Count);
        Assert.Equal(27, near);
    }
}
