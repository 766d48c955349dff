using ScottPlot;
using ScottPlot.Plottables;

namespace ScalingFit.Plotting;

/// <summary>How an axis maps and labels values.</summary>
internal enum AxisKind
{
    /// <summary>Linear, plain decimal labels.</summary>
    Linear,

    /// <summary>Log10, labels 10¹⁸ (FLOPs).</summary>
    LogScientific,

    /// <summary>Log10, labels 100M, 1B (parameters, tokens).</summary>
    LogCount,
}

/// <summary>Where a panel's legend goes.</summary>
internal enum LegendAt
{
    None,
    TopLeft,
    TopRight,
    BottomRight,

    /// <summary>Below the plot, outside the data area, entries side by side.</summary>
    Below,
}

/// <summary>Where the text of a starred annotation goes, relative to its star.</summary>
internal enum TextSide
{
    Left,
    Right,
    Above,
}

/// <summary>
/// One panel being composed: a ScottPlot <see cref="Plot"/> in the figures' style, with log axes drawn over log10 of the
/// data (ScottPlot has no log scale), a legend whose entries keep the order they were added in, and the domain's
/// recurring pieces (bands, starred projections, colour bars).
/// </summary>
internal sealed class Panel
{
    private readonly List<Func<IEnumerable<LegendItem>>> _legend = [];

    public Panel(string title, string xLabel, AxisKind x, string yLabel, AxisKind y)
    {
        FigureStyle.Apply(Plot);
        Plot.Title(title);
        Plot.XLabel(xLabel);
        Plot.YLabel(yLabel);
        XKind = x;
        YKind = y;
        Configure(Plot.Axes.Bottom, x);
        Configure(Plot.Axes.Left, y);
    }

    public Plot Plot { get; } = new();

    public AxisKind XKind { get; }

    public AxisKind YKind { get; }

    private bool LogX => XKind != AxisKind.Linear;

    private bool LogY => YKind != AxisKind.Linear;

    /// <summary>x in axis units (log10 on a log axis; NaN when it cannot be drawn).</summary>
    public double X(double v) => LogX ? (v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN) : v;

    /// <summary>y in axis units.</summary>
    public double Y(double v) => LogY ? (v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN) : v;

    /// <summary>The drawable points in axis units; points that cannot be drawn (NaN, non-positive on a log axis) are left out.</summary>
    public Coordinates[] Points(IEnumerable<(double X, double Y)> points) =>
        [.. points.Select(p => new Coordinates(X(p.X), Y(p.Y))).Where(c => double.IsFinite(c.X) && double.IsFinite(c.Y))];

    private static void Configure(IAxis axis, AxisKind kind)
    {
        axis.TickGenerator = kind switch
        {
            AxisKind.LogScientific => new LogTickGenerator(TickText.Scientific),
            AxisKind.LogCount => new LogTickGenerator(TickText.Count),
            _ => new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickText.Plain, TargetTickCount = 5 },
        };
        axis.MinorTickStyle.Length = kind == AxisKind.Linear ? 0 : 3;
        axis.MajorTickStyle.Length = 5;
    }

    /// <summary>A line through the points (in data units); dashed lines are drawn dash by dash (<see cref="DashedLine"/>).</summary>
    public IPlottable Line(IEnumerable<(double X, double Y)> points, Color color, float width, string? legend = null,
        LinePattern? pattern = null, double opacity = 1)
    {
        if (pattern is { } p && p.Name != LinePattern.Solid.Name)
        {
            var dashed = new DashedLine(Points(points), color.WithAlpha(opacity), width, p.Name == LinePattern.Dotted.Name);
            Plot.Add.Plottable(dashed);
            Legend(dashed, legend);
            return dashed;
        }
        Scatter line = Plot.Add.ScatterLine(Points(points), color.WithAlpha(opacity));
        line.LineWidth = width;
        line.MarkerSize = 0;
        Legend(line, legend);
        return line;
    }

    /// <summary>Markers of one colour, with a thin outline (white by default) that separates overlapping ones.</summary>
    public Markers Markers(IEnumerable<(double X, double Y)> points, Color color, float size, string? legend = null,
        MarkerShape shape = MarkerShape.FilledCircle, Color? edge = null, double opacity = 0.9, IMarker? custom = null)
    {
        Markers markers = Plot.Add.Markers(Points(points), shape, size, color.WithAlpha(opacity));
        markers.MarkerStyle.OutlineColor = edge ?? Colors.White;
        markers.MarkerStyle.OutlineWidth = 0.8f;
        markers.MarkerStyle.CustomRenderer = custom;
        Legend(markers, legend);
        return markers;
    }

    /// <summary>Markers coloured one by one (e.g. by loss, through a colour bar's <see cref="ColorAxis"/>).</summary>
    public ColoredMarkers Colored(IEnumerable<(double X, double Y, Color Color)> points, float size, string? legend = null,
        Color? edge = null)
    {
        var kept = points.Select(p => (At: new Coordinates(X(p.X), Y(p.Y)), p.Color)).Where(p => double.IsFinite(p.At.X) && double.IsFinite(p.At.Y)).ToArray();
        var markers = new ColoredMarkers([.. kept.Select(p => p.At)], [.. kept.Select(p => p.Color)]) { LegendText = legend ?? "" };
        markers.MarkerStyle.Size = size;
        markers.MarkerStyle.OutlineColor = edge ?? Colors.White;
        Plot.Add.Plottable(markers);
        Legend(markers, legend);
        return markers;
    }

    /// <summary>A filled band between two curves over the same x (in data units); x values where either edge cannot be drawn are left out.</summary>
    public FillY? Band(IReadOnlyList<double> xs, IReadOnlyList<double> low, IReadOnlyList<double> high, Color color, double opacity = 0.2,
        string? legend = null)
    {
        var kept = Enumerable.Range(0, xs.Count).Select(i => (X: X(xs[i]), Lo: Y(low[i]), Hi: Y(high[i])))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Lo) && double.IsFinite(p.Hi)).ToArray();
        if (kept.Length < 2)
            return null;
        FillY band = Plot.Add.FillY([.. kept.Select(p => p.X)], [.. kept.Select(p => p.Hi)], [.. kept.Select(p => p.Lo)]);
        band.FillColor = color.WithAlpha(opacity);
        band.LineWidth = 0;
        band.MarkerSize = 0;
        Legend(band, legend);
        return band;
    }

    /// <summary>A star at (x, y) with a label beside it, e.g. "Chinchilla (70B)" or "29.3B at 5.76e23".</summary>
    public Text Star(double x, double y, string text, TextSide side, Color color, float size = 13)
    {
        Markers(Enumerable.Repeat((x, y), 1), color, size, shape: MarkerShape.FilledCircle, edge: Colors.White, opacity: 1, custom: new StarMarker());
        Text label = Plot.Add.Text(text, X(x), Y(y));
        label.LabelFontName = FigureStyle.FontFamily;
        label.LabelFontSize = FigureStyle.TickLabelSize;
        label.LabelFontColor = color;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        label.LabelPadding = 1;
        float gap = (size / 2) + 4;
        (label.LabelAlignment, label.OffsetX, label.OffsetY) = side switch
        {
            TextSide.Left => (Alignment.MiddleRight, -gap, 0f),
            TextSide.Right => (Alignment.MiddleLeft, gap, 0f),
            _ => (Alignment.LowerCenter, 0f, -gap),
        };
        return label;
    }

    /// <summary>A legend entry with no series of its own, e.g. the neutral "Runs" marker when the runs are coloured by budget.</summary>
    public void LegendEntry(string text, Color color, MarkerShape marker = MarkerShape.None, float markerSize = 7, float lineWidth = 0,
        IMarker? symbol = null)
    {
        var item = new LegendItem
        {
            LabelText = text,
            MarkerStyle = new MarkerStyle(symbol is null ? marker : MarkerShape.FilledSquare, markerSize, color) { OutlineWidth = 0, CustomRenderer = symbol },
            LineStyle = new LineStyle { Width = lineWidth, Color = color },
        };
        _legend.Add(() => [item]);
    }

    /// <summary>Adds a legend entry for a plottable made outside this class.</summary>
    public void AddLegend(IPlottable plottable, string? text) => Legend(plottable, text);

    private void Legend(IPlottable plottable, string? text)
    {
        if (string.IsNullOrEmpty(text))
            return;
        if (plottable is IHasLegendText labelled)
            labelled.LegendText = text;
        _legend.Add(() => plottable.LegendItems);
    }

    /// <summary>Fixes the x range (in data units).</summary>
    public void XRange(double min, double max) => Plot.Axes.SetLimitsX(X(min), X(max));

    /// <summary>Fixes the y range (in data units).</summary>
    public void YRange(double min, double max) => Plot.Axes.SetLimitsY(Y(min), Y(max));

    /// <summary>
    /// A colour bar at the right over [<paramref name="min"/>, <paramref name="max"/>]; returns its axis, whose
    /// <see cref="ColorAxis.Map"/> colours series to match.
    /// </summary>
    public ColorAxis ColorBar(string label, double min, double max, AxisKind kind, IColormap? stepped = null)
    {
        if (!(max > min))
        {
            min = kind == AxisKind.Linear ? min - 0.5 : (min > 0 ? min / 2 : 1);
            max = kind == AxisKind.Linear ? min + 1 : min * 4;
        }
        var axis = new ColorAxis(min, max, kind != AxisKind.Linear);
        if (stepped is not null)
            axis = axis with { Colormap = stepped };
        ScottPlot.Panels.ColorBar bar = Plot.Add.ColorBar(axis);
        bar.Width = 16;
        bar.Label = label;
        FigureStyle.StyleAxis(bar.Axis);
        Configure(bar.Axis, kind);
        bar.Axis.MinorTickStyle.Length = kind == AxisKind.Linear ? 0 : 3;
        ColorAxis = axis;
        return axis;
    }

    /// <summary>The colour bar's axis, when the panel has one.</summary>
    public ColorAxis? ColorAxis { get; private set; }

    /// <summary>A "No data" note in the middle of an empty panel.</summary>
    public void NoData()
    {
        Annotation note = Plot.Add.Annotation("No data", Alignment.MiddleCenter);
        note.LabelFontName = FigureStyle.FontFamily;
        note.LabelFontSize = 14;
        note.LabelFontColor = Color.FromHex("#777777");
        note.LabelBackgroundColor = Colors.Transparent;
        note.LabelBorderColor = Colors.Transparent;
        note.LabelShadowColor = Colors.Transparent;
    }

    /// <summary>Finishes the legend (entries in the order added) and returns the plot.</summary>
    public Plot Finish(LegendAt at)
    {
        LegendItem[] items = [.. _legend.SelectMany(f => f())];
        Plot.Legend.DisplayPlottableLegendItems = false;
        Plot.Legend.ManualItems = [.. items];
        if (items.Length == 0 || at == LegendAt.None)
        {
            Plot.HideLegend();
            return Plot;
        }
        if (at == LegendAt.Below)
        {
            ScottPlot.Panels.LegendPanel panel = Plot.ShowLegend(Edge.Bottom);
            panel.Padding = new PixelPadding(4, 4, 4, 2);
            // Two columns unless the labels are long: a fixed layout measures and draws the same (see ColumnsLegendLayout).
            Plot.Legend.Layout = new ColumnsLegendLayout(2);
            Plot.Legend.OutlineColor = Color.FromHex("#cccccc");
            return Plot;
        }
        Plot.ShowLegend(at switch
        {
            LegendAt.TopLeft => Alignment.UpperLeft,
            LegendAt.TopRight => Alignment.UpperRight,
            _ => Alignment.LowerRight,
        });
        return Plot;
    }
}
