using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Plotting;
using ScottPlot;
using ScottPlot.Plottables;

namespace ScalingFit.Tests.Plotting.Figures;

/// <summary>
/// Fits shared by the figure tests, made once from the simulator with small bootstraps: a normal sweep (nine IsoFLOP
/// budgets, 40 training curves), a single IsoFLOP budget, and no runs at all.
/// </summary>
internal static class FigureFixtures
{
    private static readonly Lazy<FigureInputs> NormalInputs = new(() =>
    {
        RunSet isoFlop = SweepSimulator.IsoFlop(SimulationOptions.Default);
        RunSet curves = SweepSimulator.Curves(SimulationOptions.Default, SweepSimulator.LogSpace(4.4e7, 3e9, 8));
        return new FigureInputs
        {
            Runs = isoFlop,
            Curves = curves,
            Envelope = EnvelopeFitter.Fit(curves, EnvelopeFitOptions.Default with { Bootstrap = new BootstrapOptions(40) }),
            IsoFlop = IsoFlopFitter.Fit(isoFlop, IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(60) }),
            Parametric = ParametricFitter.Fit(isoFlop, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = new BootstrapOptions(20) }),
            References = FrontierReferences.Paper,
        };
    });

    private static readonly Lazy<FigureInputs> SingleBudgetInputs = new(() =>
    {
        RunSet one = SweepSimulator.IsoFlop(SimulationOptions.Default, [1e20]);
        return new FigureInputs
        {
            Runs = one,
            Envelope = EnvelopeFitter.Fit(one, EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None }),
            IsoFlop = IsoFlopFitter.Fit(one, IsoFlopFitOptions.Default with { Bootstrap = new BootstrapOptions(20) }),
            Parametric = ParametricFitter.Fit(one, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = new BootstrapOptions(10) }),
            References = FrontierReferences.Paper,
        };
    });

    private static readonly Lazy<FigureInputs> EmptyInputs = new(() =>
    {
        var empty = new RunSet(Array.Empty<Run>());
        return new FigureInputs
        {
            Runs = empty,
            Envelope = EnvelopeFitter.Fit(empty, EnvelopeFitOptions.Default with { Bootstrap = BootstrapOptions.None }),
            IsoFlop = IsoFlopFitter.Fit(empty, IsoFlopFitOptions.Default with { Bootstrap = BootstrapOptions.None }),
            Parametric = ParametricFitter.Fit(empty, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse }),
            References = FrontierReferences.Paper,
        };
    });

    public static FigureInputs Normal => NormalInputs.Value;

    public static FigureInputs SingleBudget => SingleBudgetInputs.Value;

    public static FigureInputs Empty => EmptyInputs.Value;

    public static TheoryData<string> Cases => ["normal", "single", "empty"];

    public static FigureInputs Case(string name) => name switch
    {
        "normal" => Normal,
        "single" => SingleBudget,
        "empty" => Empty,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}

/// <summary>
/// Queries over a figure's panels (ScottPlot plots): titles, legend entries, plottables, axis ranges and tick labels.
/// Log axes hold log10 of the data (ScottPlot has no log scale), so ranges are converted back with <see cref="Decades"/>.
/// </summary>
internal static class Panels
{
    public static string Title(Plot plot) => plot.Axes.Title.Label.Text;

    public static IReadOnlyList<string> LegendLabels(Plot plot) => [.. plot.Legend.GetItems().Select(i => i.LabelText)];

    public static bool IsLegendShown(Plot plot) => plot.Legend.IsVisible || plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any();

    public static IEnumerable<T> Of<T>(Plot plot) => plot.GetPlottables().OfType<T>();

    /// <summary>Lines: ScottPlot scatter lines and our dashed lines.</summary>
    public static IReadOnlyList<IPlottable> Lines(Plot plot) =>
        [.. plot.GetPlottables().Where(p => p is Scatter or DashedLine)];

    /// <summary>Every marker series (single-colour and per-point colour), with its legend text and points in axis units.</summary>
    public static IReadOnlyList<(string Legend, IReadOnlyList<Coordinates> Points)> MarkerSeries(Plot plot) =>
        [.. plot.GetPlottables().Select(p => p switch
        {
            Markers m => (m.LegendText, m.Data.GetScatterPoints()),
            ColoredMarkers c => (c.LegendText, c.Points),
            _ => ((string, IReadOnlyList<Coordinates>)?)null,
        }).OfType<(string, IReadOnlyList<Coordinates>)>()];

    /// <summary>The markers of the series whose legend text satisfies <paramref name="legend"/>; null when none.</summary>
    public static IReadOnlyList<Coordinates>? Series(Plot plot, Func<string, bool> legend) =>
        MarkerSeries(plot).Where(s => legend(s.Legend)).Select(s => s.Points).FirstOrDefault();

    /// <summary>Markers in series without a legend entry (e.g. the runs, coloured by budget), summed.</summary>
    public static int UnlabelledMarkers(Plot plot) => MarkerSeries(plot).Where(s => s.Legend.Length == 0).Sum(s => s.Points.Count);

    public static bool HasNoDataNote(Plot plot) => Of<Annotation>(plot).Any(a => a.Text == "No data");

    public static ScottPlot.Panels.ColorBar? ColorBar(Plot plot) => plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>().FirstOrDefault();

    /// <summary>Renders the figure so every axis has generated its ticks, then reads the major tick labels.</summary>
    public static IReadOnlyList<string> TickLabels(Figure figure, int panel, string axis)
    {
        figure.ToPng();
        Plot plot = figure[panel];
        IAxis a = axis switch
        {
            "x" => plot.Axes.Bottom,
            "y" => plot.Axes.Left,
            "colorbar" => ColorBar(plot)!.Axis,
            _ => throw new ArgumentOutOfRangeException(nameof(axis)),
        };
        return [.. a.TickGenerator.Ticks.Where(t => t.IsMajor).OrderBy(t => t.Position).Select(t => t.Label)];
    }

    /// <summary>10^v for both ends: the data range of a log axis.</summary>
    public static (double Min, double Max) Decades(double min, double max) => (Math.Pow(10, min), Math.Pow(10, max));

    /// <summary>Every marker lies inside the panel's axis limits (as rendered).</summary>
    public static void AssertMarkersInsideAxes(Figure figure, int panel)
    {
        figure.ToPng();
        AxisLimits limits = figure[panel].Axes.GetLimits();
        foreach ((string legend, IReadOnlyList<Coordinates> points) in MarkerSeries(figure[panel]))
        {
            foreach (Coordinates p in points)
            {
                Assert.True(p.X >= limits.Left - 1e-9 && p.X <= limits.Right + 1e-9 && p.Y >= limits.Bottom - 1e-9 && p.Y <= limits.Top + 1e-9,
                    $"Panel {panel}, series '{legend}': marker at ({p.X}, {p.Y}) outside x {limits.Left}–{limits.Right}, y {limits.Bottom}–{limits.Top}.");
            }
        }
    }
}
