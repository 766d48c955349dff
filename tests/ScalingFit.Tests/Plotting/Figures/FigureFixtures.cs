using System.Globalization;
using System.Xml.Linq;
using ScalingFit.Core.Domain;
using ScalingFit.Core.Simulation;
using ScalingFit.Core.Statistics;
using ScalingFit.Fitting.Envelope;
using ScalingFit.Fitting.IsoFlop;
using ScalingFit.Fitting.Parametric;
using ScalingFit.Plotting.Figures;

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

/// <summary>Queries over a rendered figure, panel by panel.</summary>
internal static class Panels
{
    private static readonly XNamespace Svg = SvgQuery.Svg;

    public static IReadOnlyList<XElement> Of(SvgQuery svg) => [.. svg.WithClass("panel")];

    public static bool HasClass(XElement e, string name) => ((string?)e.Attribute("class"))?.Split(' ').Contains(name) == true;

    public static IEnumerable<XElement> WithClass(XElement scope, string name) => scope.Descendants().Where(e => HasClass(e, name));

    public static string? Title(XElement panel) => WithClass(panel, "title").Select(t => t.Value).FirstOrDefault();

    public static IReadOnlyList<string> LegendLabels(XElement panel) =>
        [.. WithClass(panel, "legend-entry").Select(e => e.Element(Svg + "text")!.Value)];

    public static IReadOnlyList<string> TickLabels(XElement panel, string axis) =>
        [.. WithClass(panel, "tick-labels").Where(g => HasClass(g, axis)).SelectMany(g => g.Elements(Svg + "text")).Select(SvgQuery.LabelText)];

    /// <summary>The series group whose hover title is <paramref name="label"/>.</summary>
    public static XElement? Series(XElement panel, string kind, Func<string, bool> label) =>
        WithClass(panel, kind).FirstOrDefault(g => g.Element(Svg + "title") is { } t && label(t.Value));

    /// <summary>The drawn markers of a scatter group (circles, squares and paths; the hover title excluded).</summary>
    public static IReadOnlyList<XElement> Markers(XElement group) =>
        [.. group.Elements().Where(e => e.Name.LocalName is "circle" or "rect" or "path")];

    public static (double X, double Y, double Width, double Height) PlotArea(XElement panel)
    {
        XElement rect = WithClass(panel, "plot-area").First();
        return (SvgQuery.Number(rect, "x"), SvgQuery.Number(rect, "y"), SvgQuery.Number(rect, "width"), SvgQuery.Number(rect, "height"));
    }

    /// <summary>Every circle marker's centre lies inside the panel's plot area (1 px tolerance).</summary>
    public static void AssertCirclesInsidePlot(XElement panel)
    {
        var (x, y, w, h) = PlotArea(panel);
        foreach (XElement circle in WithClass(panel, "scatter").SelectMany(g => g.Elements(Svg + "circle")))
        {
            double cx = SvgQuery.Number(circle, "cx"), cy = SvgQuery.Number(circle, "cy");
            Assert.InRange(cx, x - 1, x + w + 1);
            Assert.InRange(cy, y - 1, y + h + 1);
        }
    }

    public static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
