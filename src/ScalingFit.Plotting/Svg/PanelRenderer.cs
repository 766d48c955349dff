using System.Globalization;
using System.Text;
using System.Xml.Linq;
using static ScalingFit.Plotting.Svg.SvgFormat;

namespace ScalingFit.Plotting.Svg;

/// <summary>
/// Lays out and draws one <see cref="Chart"/> as an SVG group: margins from estimated text sizes, ticks thinned until
/// their labels do not collide, series clipped to the plot area, then frame, labels, colour bar and legend on top.
/// </summary>
internal sealed class PanelRenderer
{
    internal static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private const double MajorTick = 5;
    private const double MinorTick = 3;
    private const double TickGap = 4;
    private const double ColorBarGap = 18;
    private const double ColorBarWidth = 14;
    private const double LegendGap = 14;
    private const double LegendInset = 8;
    private const double LabelGap = 8;
    private static readonly RgbColor Unmapped = RgbColor.FromRgb(0xbbbbbb);

    private readonly Chart _chart;
    private readonly ChartStyle _style;
    private readonly string _id;
    private readonly double _width;
    private readonly double _height;
    private readonly string? _letter;
    private readonly List<Pt> _obstacles = [];
    private readonly List<Rect> _annotationBoxes = [];
    private readonly List<(ContourSeries Series, double[] Levels)> _contourLevels = [];

    private AxisMap _x = null!;
    private AxisMap _y = null!;
    private AxisMap? _colorMap;
    private ColorScale _colorScale = ColorScale.Viridis;
    private IReadOnlyList<Tick> _xTicks = [];
    private IReadOnlyList<Tick> _yTicks = [];
    private IReadOnlyList<Tick> _colorTicks = [];
    private Rect _plot;
    private Dictionary<int, RgbColor> _seriesColors = [];

    private PanelRenderer(Chart chart, double width, double height, string id, string? letter)
    {
        _chart = chart;
        _style = chart.Style ?? ChartStyle.Default;
        _width = width;
        _height = height;
        _id = id;
        _letter = letter;
    }

    /// <summary>Renders <paramref name="chart"/> into a group whose content lies in (0, 0)–(width, height).</summary>
    public static XElement Render(Chart chart, double width, double height, string id, string? letter) =>
        new PanelRenderer(chart, width, height, id, letter).Build();

    private static XElement E(string name, params object?[] content) => new(Ns + name, content);

    private static XAttribute A(string name, string value) => new(name, value);

    private static XAttribute A(string name, double value) => new(name, N(value));

    private XElement Build()
    {
        List<Series> series = [.. (_chart.Series ?? []).Where(s => s is not null)];
        bool hasData = ResolveAxes(series);
        ResolveColorAxis(series);
        _seriesColors = AssignColors(series);
        List<LegendEntry> legend = LegendEntries(series);

        LegendPlacement placement = legend.Count == 0 ? LegendPlacement.None : _chart.Legend;
        LegendShape shape = LegendSize(legend, columns: 1);
        _plot = Layout(placement == LegendPlacement.OutsideRight ? shape.Width : 0, 0);
        if (placement == LegendPlacement.Auto && (shape.Width > _plot.Width * 0.6 || shape.Height > _plot.Height * 0.6))
        {
            Rect beside = Layout(shape.Width, 0);
            placement = beside.Width >= _width * 0.5 ? LegendPlacement.OutsideRight : LegendPlacement.Below;
            _plot = beside;
        }
        if (placement == LegendPlacement.Below)
        {
            double available = _width - (2 * _style.Padding);
            int columns = Math.Clamp((int)(available / shape.ColumnWidth), 1, legend.Count);
            shape = LegendSize(legend, columns);
            _plot = Layout(0, shape.Height + LabelGap);
        }
        _x.SetPixels(_plot.X, _plot.Right);
        _y.SetPixels(_plot.Bottom, _plot.Y);
        _colorMap?.SetPixels(_plot.Bottom, _plot.Y);

        var root = E("g", A("class", "panel"));
        var defs = E("defs", E("clipPath", A("id", _id + "-clip"),
            E("rect", A("class", "plot-area"), A("x", _plot.X), A("y", _plot.Y), A("width", _plot.Width), A("height", _plot.Height))));
        root.Add(defs);
        root.Add(E("rect", A("class", "plot-background"), A("x", _plot.X), A("y", _plot.Y), A("width", _plot.Width),
            A("height", _plot.Height), A("fill", _style.Background.ToHex())));
        root.Add(Grid());
        root.Add(E("g", A("class", "data"), A("clip-path", $"url(#{_id}-clip)"), DrawSeries(series)));
        root.Add(Frame());
        root.Add(AxisTicksAndLabels());
        if (!hasData)
        {
            root.Add(E("text", A("class", "no-data"), A("x", _plot.X + (_plot.Width / 2)), A("y", _plot.Y + (_plot.Height / 2)),
                A("text-anchor", "middle"), A("font-size", _style.AxisLabelFontSize), A("font-style", "italic"),
                A("fill", "#888888"), "No data"));
        }
        if (_chart.ColorBar is not null && _colorMap is not null)
            root.Add(ColorBarElements(defs));
        root.Add(TitleAndLetter());
        if (placement != LegendPlacement.None)
            root.Add(Legend(legend, placement, shape));
        return root;
    }

    // ---------------------------------------------------------------- ranges, ticks, layout

    private bool ResolveAxes(List<Series> series)
    {
        AxisScale xs = _chart.XAxis.Scale, ys = _chart.YAxis.Scale;
        var xPadded = new List<double>();
        var yPadded = new List<double>();
        var xExact = new List<double>();
        var yExact = new List<double>();
        void Point(double x, double y)
        {
            if (AxisMap.Usable(x, xs) && AxisMap.Usable(y, ys))
            {
                xPadded.Add(x);
                yPadded.Add(y);
            }
        }

        foreach (Series s in series)
        {
            switch (s)
            {
                case LineSeries line:
                    foreach (DataPoint p in line.Points ?? [])
                        Point(p.X, p.Y);
                    break;
                case ScatterSeries scatter:
                    foreach (DataPoint p in scatter.Points ?? [])
                        Point(p.X, p.Y);
                    break;
                case BandSeries band:
                    for (int i = 0; i < BandLength(band); i++)
                    {
                        if (AxisMap.Usable(band.YLow[i], ys) && AxisMap.Usable(band.YHigh[i], ys))
                        {
                            Point(band.X[i], band.YLow[i]);
                            Point(band.X[i], band.YHigh[i]);
                        }
                    }
                    break;
                case MarkerAnnotation note:
                    Point(note.Point.X, note.Point.Y);
                    break;
                case ContourSeries contour when contour.Grid is { } grid:
                    if (AxisMap.Usable(grid.Xs[0], xs) && AxisMap.Usable(grid.Ys[0], ys))
                    {
                        xExact.AddRange([grid.Xs[0], grid.Xs[^1]]);
                        yExact.AddRange([grid.Ys[0], grid.Ys[^1]]);
                    }
                    break;
            }
        }

        // A contour field should fill its axes, as in matplotlib's contourf.
        double padding = series.Any(s => s is ContourSeries) ? 0
            : double.IsFinite(_chart.RangePadding) ? Math.Max(0, _chart.RangePadding) : 0.05;
        _x = AxisMap.Resolve(xs, _chart.XAxis.Min, _chart.XAxis.Max, xPadded, xExact, padding, out bool xHas);
        _y = AxisMap.Resolve(ys, _chart.YAxis.Min, _chart.YAxis.Max, yPadded, yExact, padding, out bool yHas);
        int xTarget = Math.Clamp((int)((_width - 150) / 85), 3, 8);
        int yTarget = Math.Clamp((int)((_height - 110) / 50), 3, 8);
        _xTicks = MakeTicks(_x, _chart.XAxis.TickFormat, xTarget);
        _yTicks = MakeTicks(_y, _chart.YAxis.TickFormat, yTarget);
        return xHas && yHas;
    }

    private static int BandLength(BandSeries band) =>
        band.X is null || band.YLow is null || band.YHigh is null ? 0 : Math.Min(band.X.Count, Math.Min(band.YLow.Count, band.YHigh.Count));

    private static IReadOnlyList<Tick> MakeTicks(AxisMap map, TickFormat format, int target) =>
        map.IsLog ? LogTicks.For(map.Min, map.Max, format) : NiceTicks.For(map.Min, map.Max, format, target);

    private void ResolveColorAxis(List<Series> series)
    {
        ColorBar? bar = _chart.ColorBar;
        AxisScale scale = bar?.Scale ?? AxisScale.Linear;
        _colorScale = bar?.ColorScale ?? ColorScale.Viridis;
        var values = new List<double>();
        bool needed = bar is not null;
        foreach (Series s in series)
        {
            if (s is ScatterSeries { ColorValues: { } v })
            {
                needed = true;
                values.AddRange(v.Where(z => AxisMap.Usable(z, scale)));
            }
            else if (s is ContourSeries { Grid: { } grid } contour)
            {
                needed = true;
                (double lo, double hi) = FieldRange(grid, scale);
                double[] levels = ContourLevels(contour, lo, hi, scale);
                _contourLevels.Add((contour, levels));
                // Lines use the whole scale across their levels; filled bands need room for the open bands at both ends.
                double[] usableLevels = [.. levels.Where(l => AxisMap.Usable(l, scale))];
                if (!contour.Filled && usableLevels.Length >= 2)
                    values.AddRange([usableLevels[0], usableLevels[^1]]);
                else if (hi >= lo)
                    values.AddRange([lo, hi]);
            }
        }
        if (!needed)
            return;
        _colorMap = AxisMap.Resolve(scale, bar?.Min, bar?.Max, values, [], 0, out _);
        _colorTicks = MakeTicks(_colorMap, bar?.TickFormat ?? TickFormat.Auto, Math.Clamp((int)((_height - 110) / 50), 3, 8));
    }

    private static (double Lo, double Hi) FieldRange(ScalarGrid grid, AxisScale scale)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int r = 0; r < grid.Rows; r++)
        {
            for (int c = 0; c < grid.Columns; c++)
            {
                double z = grid.Value(c, r);
                if (AxisMap.Usable(z, scale))
                {
                    lo = Math.Min(lo, z);
                    hi = Math.Max(hi, z);
                }
            }
        }
        return (lo, hi);
    }

    private static double[] ContourLevels(ContourSeries contour, double lo, double hi, AxisScale scale)
    {
        if (contour.Levels is { } given)
            return [.. given.Where(double.IsFinite).Distinct().Order()];
        if (!(hi > lo))
            return [];
        IEnumerable<Tick> ticks = scale == AxisScale.Log10
            ? LogTicks.For(lo, hi).Where(t => t.IsMajor)
            : NiceTicks.For(lo, hi, TickFormat.Plain, Math.Max(2, contour.LevelCount));
        return [.. ticks.Select(t => t.Value).Where(v => v > lo && v < hi)];
    }

    private Rect Layout(double outsideLegendWidth, double belowLegendHeight)
    {
        double pad = _style.Padding, tickFont = _style.TickLabelFontSize, axisFont = _style.AxisLabelFontSize;
        double yTickWidth = _yTicks.Where(t => t.Label is not null).Select(t => TextMetrics.Width(t.Label!.Value, tickFont)).DefaultIfEmpty(0).Max();
        List<Tick> xLabelled = [.. _xTicks.Where(t => t.Label is not null)];
        double firstHalf = xLabelled.Count > 0 ? TextMetrics.Width(xLabelled[0].Label!.Value, tickFont) / 2 : 0;
        double lastHalf = xLabelled.Count > 0 ? TextMetrics.Width(xLabelled[^1].Label!.Value, tickFont) / 2 : 0;

        double left = pad + (_chart.YAxis.Label is null ? 0 : (axisFont * 1.15) + LabelGap) + yTickWidth + MajorTick + TickGap;
        left = Math.Max(left, pad + firstHalf);
        double top = pad + (HasTitleRow ? (_style.TitleFontSize * 1.3) + 8 : tickFont * 0.6);
        double bottom = pad + MajorTick + TickGap + XTickBlockHeight() + (_chart.XAxis.Label is null ? 0 : LabelGap + (axisFont * 1.15))
            + belowLegendHeight;

        double rightBlocks = 0;
        if (_chart.ColorBar is not null && _colorMap is not null)
            rightBlocks += ColorBarBlockWidth();
        if (outsideLegendWidth > 0)
            rightBlocks += LegendOffset(lastHalf) + outsideLegendWidth;
        double right = Math.Max(pad + lastHalf, pad + rightBlocks);

        double x = Math.Round(left), y = Math.Round(top);
        double w = Math.Max(40, Math.Round(_width - left - right));
        double h = Math.Max(40, Math.Round(_height - top - bottom));
        return new Rect(x, y, w, h);
    }

    private bool HasTitleRow => !string.IsNullOrEmpty(_chart.Title) || _letter is not null;

    private double XTickBlockHeight()
    {
        bool superscripts = _xTicks.Any(t => t.Label?.Superscript is not null);
        return _style.TickLabelFontSize * (superscripts ? 1.3 : 1.0);
    }

    private double ColorBarBlockWidth()
    {
        double tickFont = _style.TickLabelFontSize;
        double labels = _colorTicks.Where(t => t.Label is not null).Select(t => TextMetrics.Width(t.Label!.Value, tickFont)).DefaultIfEmpty(0).Max();
        return ColorBarGap + ColorBarWidth + MajorTick + TickGap + labels
            + (_chart.ColorBar?.Label is null ? 0 : LabelGap + (_style.AxisLabelFontSize * 1.15));
    }

    private double LegendOffset(double lastXLabelHalfWidth) =>
        _chart.ColorBar is not null && _colorMap is not null ? LegendGap : Math.Max(LegendGap, lastXLabelHalfWidth + 8);

    /// <summary>
    /// Chooses which labelled ticks keep their labels: the smallest stride (every label, every 2nd, …) at which neighbouring
    /// labels are at least <paramref name="gap"/> apart, with the offset that keeps the roundest values (0, powers of ten).
    /// </summary>
    private static HashSet<int> Thin(IReadOnlyList<(double Value, double Position, double Extent)> labels, double gap)
    {
        int n = labels.Count;
        for (int stride = 1; stride <= Math.Max(1, n); stride++)
        {
            int bestOffset = -1, bestScore = -1;
            for (int offset = 0; offset < stride && offset < n; offset++)
            {
                bool fits = true;
                int score = 0;
                for (int i = offset; i < n; i += stride)
                {
                    score += Roundness(labels[i].Value);
                    int j = i + stride;
                    if (j < n && Math.Abs(labels[j].Position - labels[i].Position) < ((labels[i].Extent + labels[j].Extent) / 2) + gap)
                    {
                        fits = false;
                        break;
                    }
                }
                if (fits && score > bestScore)
                {
                    bestScore = score;
                    bestOffset = offset;
                }
            }
            if (bestOffset >= 0)
            {
                var kept = new HashSet<int>();
                for (int i = bestOffset; i < n; i += stride)
                    kept.Add(i);
                return kept;
            }
        }
        return n > 0 ? [0] : [];

        static int Roundness(double v)
        {
            if (v == 0)
                return 3;
            double e = Math.Log10(Math.Abs(v));
            return Math.Abs(e - Math.Round(e)) < 1e-9 ? 2 : 0;
        }
    }

    // ---------------------------------------------------------------- grid, frame, ticks, labels

    private static double Snap(double v) => Math.Floor(v) + 0.5;

    private XElement Grid()
    {
        var group = E("g", A("class", "grid"));
        void Lines(RgbColor? color, bool major, double width)
        {
            if (color is not { } c)
                return;
            var d = new StringBuilder();
            foreach (Tick t in _xTicks.Where(t => t.IsMajor == major))
            {
                double px = Snap(_x.ToPixel(t.Value));
                if (px > _plot.X + 1 && px < _plot.Right - 1)
                    d.Append('M').Append(N(px)).Append(',').Append(N(_plot.Y)).Append('V').Append(N(_plot.Bottom));
            }
            foreach (Tick t in _yTicks.Where(t => t.IsMajor == major))
            {
                double py = Snap(_y.ToPixel(t.Value));
                if (py > _plot.Y + 1 && py < _plot.Bottom - 1)
                    d.Append('M').Append(N(_plot.X)).Append(',').Append(N(py)).Append('H').Append(N(_plot.Right));
            }
            if (d.Length > 0)
                group.Add(E("path", A("d", d.ToString()), A("fill", "none"), A("stroke", c.ToHex()), A("stroke-width", width)));
        }
        Lines(_style.MinorGridColor, major: false, 0.6);
        Lines(_style.GridColor, major: true, 1);
        return group;
    }

    private XElement Frame() =>
        E("rect", A("class", "frame"), A("x", _plot.X + 0.5), A("y", _plot.Y + 0.5), A("width", _plot.Width - 1), A("height", _plot.Height - 1),
            A("fill", "none"), A("stroke", _style.AxisColor.ToHex()), A("stroke-width", 1));

    private XElement AxisTicksAndLabels()
    {
        double tickFont = _style.TickLabelFontSize, axisFont = _style.AxisLabelFontSize;
        string axisColor = _style.AxisColor.ToHex(), textColor = _style.TextColor.ToHex();
        var group = E("g", A("class", "axes"));
        var major = new StringBuilder();
        var minor = new StringBuilder();

        foreach (Tick t in _xTicks)
        {
            double px = Snap(_x.ToPixel(t.Value));
            (t.IsMajor ? major : minor).Append('M').Append(N(px)).Append(',').Append(N(_plot.Bottom)).Append('v').Append(N(t.IsMajor ? MajorTick : MinorTick));
        }
        foreach (Tick t in _yTicks)
        {
            double py = Snap(_y.ToPixel(t.Value));
            (t.IsMajor ? major : minor).Append('M').Append(N(_plot.X)).Append(',').Append(N(py)).Append('h').Append(N(-(t.IsMajor ? MajorTick : MinorTick)));
        }
        if (major.Length > 0)
            group.Add(E("path", A("class", "ticks major"), A("d", major.ToString()), A("stroke", axisColor), A("stroke-width", 1), A("fill", "none")));
        if (minor.Length > 0)
            group.Add(E("path", A("class", "ticks minor"), A("d", minor.ToString()), A("stroke", axisColor), A("stroke-width", 0.8), A("fill", "none")));

        // X tick labels, centred under their ticks.
        var xLabels = _xTicks.Where(t => t.Label is not null).Select(t => (t.Value, Position: _x.ToPixel(t.Value), Extent: TextMetrics.Width(t.Label!.Value, tickFont), t.Label)).ToList();
        HashSet<int> keepX = Thin([.. xLabels.Select(l => (l.Value, l.Position, l.Extent))], gap: tickFont * 0.8);
        double xBaseline = _plot.Bottom + MajorTick + TickGap + (XTickBlockHeight() - (tickFont * 0.2));
        var xGroup = E("g", A("class", "tick-labels x"), A("font-size", tickFont), A("fill", textColor), A("text-anchor", "middle"));
        for (int i = 0; i < xLabels.Count; i++)
        {
            if (keepX.Contains(i))
                xGroup.Add(LabelText(xLabels[i].Position, xBaseline, xLabels[i].Label!.Value, tickFont));
        }
        group.Add(xGroup);

        // Y tick labels, right-aligned left of their ticks.
        var yLabels = _yTicks.Where(t => t.Label is not null).Select(t => (t.Value, Position: _y.ToPixel(t.Value), Extent: t.Label!.Value.Superscript is null ? tickFont : tickFont * 1.3, t.Label)).ToList();
        HashSet<int> keepY = Thin([.. yLabels.Select(l => (l.Value, l.Position, l.Extent))], gap: tickFont * 0.4);
        double yRight = _plot.X - MajorTick - TickGap;
        var yGroup = E("g", A("class", "tick-labels y"), A("font-size", tickFont), A("fill", textColor), A("text-anchor", "end"));
        for (int i = 0; i < yLabels.Count; i++)
        {
            if (keepY.Contains(i))
                yGroup.Add(LabelText(yRight, yLabels[i].Position + (tickFont * 0.35), yLabels[i].Label!.Value, tickFont));
        }
        group.Add(yGroup);

        if (_chart.XAxis.Label is { } xTitle)
        {
            double baseline = xBaseline + (tickFont * 0.25) + LabelGap + (axisFont * 0.9);
            group.Add(E("text", A("class", "axis-label x"), A("x", _plot.X + (_plot.Width / 2)), A("y", baseline), A("text-anchor", "middle"),
                A("font-size", axisFont), A("fill", textColor), xTitle));
        }
        if (_chart.YAxis.Label is { } yTitle)
        {
            double x = _style.Padding + (axisFont * 0.9), y = _plot.Y + (_plot.Height / 2);
            group.Add(E("text", A("class", "axis-label y"), A("x", x), A("y", y), A("text-anchor", "middle"),
                A("transform", $"rotate(-90 {N(x)} {N(y)})"), A("font-size", axisFont), A("fill", textColor), yTitle));
        }
        return group;
    }

    private static XElement LabelText(double x, double baseline, TickLabel label, double fontSize)
    {
        var text = E("text", A("class", "tick-label"), A("x", x), A("y", baseline), label.Text);
        if (label.Superscript is { } sup)
            text.Add(E("tspan", A("dy", -fontSize * 0.45), A("font-size", fontSize * TextMetrics.SuperscriptScale), sup));
        return text;
    }

    private XElement TitleAndLetter()
    {
        var group = E("g", A("class", "titles"));
        double baseline = _style.Padding + (_style.TitleFontSize * 0.95);
        string textColor = _style.TextColor.ToHex();
        double letterRight = _style.Padding;
        if (_letter is not null)
        {
            group.Add(E("text", A("class", "panel-letter"), A("x", _style.Padding), A("y", baseline), A("font-size", _style.TitleFontSize),
                A("font-weight", "bold"), A("fill", textColor), _letter));
            letterRight += (TextMetrics.Width(_letter, _style.TitleFontSize) * TextMetrics.BoldScale) + 8;
        }
        if (!string.IsNullOrEmpty(_chart.Title))
        {
            double w = TextMetrics.Width(_chart.Title, _style.TitleFontSize) * TextMetrics.BoldScale;
            double centre = _plot.X + (_plot.Width / 2);
            // Keep the title clear of the panel letter and inside the panel when it is wider than the plot.
            centre = Math.Max(centre, letterRight + (w / 2));
            centre = Math.Min(centre, _width - _style.Padding - (w / 2));
            group.Add(E("text", A("class", "title"), A("x", centre), A("y", baseline), A("text-anchor", "middle"),
                A("font-size", _style.TitleFontSize), A("font-weight", "bold"), A("fill", textColor), _chart.Title));
        }
        return group;
    }

    // ---------------------------------------------------------------- series

    private IEnumerable<XElement> DrawSeries(List<Series> series)
    {
        Dictionary<int, RgbColor> colors = _seriesColors;
        int Layer(Series s) => s switch
        {
            ContourSeries { Filled: true } => 0,
            BandSeries => 1,
            ContourSeries => 2,
            LineSeries => 3,
            ScatterSeries => 4,
            _ => 5,
        };

        var elements = new List<XElement>();
        foreach (int i in Enumerable.Range(0, series.Count).OrderBy(i => Layer(series[i])).ThenBy(i => i))
        {
            XElement? element = series[i] switch
            {
                ContourSeries c => Contour(c),
                BandSeries b => Band(b, colors[i]),
                LineSeries l => Line(l, colors[i]),
                ScatterSeries s => Scatter(s, colors[i]),
                MarkerAnnotation a => Annotation(a),
                _ => null,
            };
            if (element is not null)
            {
                if (series[i].Label is { } label)
                    element.AddFirst(E("title", label));
                elements.Add(element);
            }
        }
        return elements;
    }

    /// <summary>Palette colours go to series in list order, whatever layer they are drawn in; the legend uses the same map.</summary>
    private Dictionary<int, RgbColor> AssignColors(List<Series> series)
    {
        var colors = new Dictionary<int, RgbColor>();
        int next = 0;
        for (int i = 0; i < series.Count; i++)
        {
            RgbColor? own = series[i] switch
            {
                LineSeries l => l.Color,
                ScatterSeries s when s.ColorValues is null => s.Color,
                BandSeries b => b.Color,
                _ => RgbColor.Black,
            };
            colors[i] = own ?? _chart.Palette[next++];
        }
        return colors;
    }

    private Pt ToPixel(double x, double y) => new(_x.ToPixel(x), _y.ToPixel(y));

    private bool Usable(DataPoint p) => _x.Usable(p.X) && _y.Usable(p.Y);

    private void AddObstacles(IReadOnlyList<Pt> polyline, double spacing = 6)
    {
        for (int i = 0; i < polyline.Count; i++)
        {
            _obstacles.Add(polyline[i]);
            if (i + 1 < polyline.Count)
            {
                double dx = polyline[i + 1].X - polyline[i].X, dy = polyline[i + 1].Y - polyline[i].Y;
                int steps = (int)Math.Min(500, Math.Sqrt((dx * dx) + (dy * dy)) / spacing);
                for (int k = 1; k < steps; k++)
                    _obstacles.Add(new Pt(polyline[i].X + (dx * k / steps), polyline[i].Y + (dy * k / steps)));
            }
        }
    }

    private static string? DashArray(LineDash dash, double width) => dash switch
    {
        LineDash.Dashed => $"{N(4 * width)},{N(2.5 * width)}",
        LineDash.Dotted => $"0.01,{N(2.2 * width)}",
        LineDash.DashDot => $"{N(4 * width)},{N(2 * width)},0.01,{N(2 * width)}",
        _ => null,
    };

    private static string LineCap(LineDash dash) => dash is LineDash.Dotted or LineDash.DashDot ? "round" : "butt";

    private XElement? Line(LineSeries line, RgbColor color)
    {
        var d = new StringBuilder();
        var run = new List<Pt>();
        void Flush()
        {
            foreach (List<Pt> piece in Clipping.Polyline(run, _plot))
            {
                SvgFormat.AppendPath(d, piece, closed: false);
                AddObstacles(piece);
            }
            run.Clear();
        }
        foreach (DataPoint p in line.Points ?? [])
        {
            if (Usable(p))
                run.Add(ToPixel(p.X, p.Y));
            else
                Flush();
        }
        Flush();
        if (d.Length == 0)
            return null;
        double width = line.Width > 0 ? line.Width : 2;
        return E("path", A("class", "series line"), A("d", d.ToString()), A("fill", "none"), A("stroke", color.ToHex()),
            A("stroke-width", width), A("stroke-linejoin", "round"), A("stroke-linecap", LineCap(line.Dash)),
            DashArray(line.Dash, width) is { } dash ? A("stroke-dasharray", dash) : null,
            line.Opacity < 1 ? A("stroke-opacity", Math.Clamp(line.Opacity, 0, 1)) : null);
    }

    private XElement? Scatter(ScatterSeries scatter, RgbColor color)
    {
        var group = E("g", A("class", "series scatter"), A("fill-opacity", Math.Clamp(scatter.Opacity, 0, 1)),
            A("stroke", (scatter.EdgeColor ?? RgbColor.White).ToHex()), A("stroke-width", scatter.MarkerSize >= 5 ? 0.6 : 0.3));
        IReadOnlyList<DataPoint> points = scatter.Points ?? [];
        for (int i = 0; i < points.Count; i++)
        {
            DataPoint p = points[i];
            if (!_x.InRange(p.X) || !_y.InRange(p.Y))
                continue;
            RgbColor fill = color;
            if (scatter.ColorValues is { } values)
                fill = i < values.Count && MapColor(values[i]) is { } mapped ? mapped : Unmapped;
            Pt at = ToPixel(p.X, p.Y);
            group.Add(Marker(scatter.Shape, at, scatter.MarkerSize, fill));
            _obstacles.Add(at);
        }
        return group.HasElements ? group : null;
    }

    private RgbColor? MapColor(double value)
    {
        if (_colorMap is null || !_colorMap.Usable(value))
            return null;
        return _colorScale.Map(Math.Clamp(_colorMap.Fraction(value), 0, 1));
    }

    private XElement? Band(BandSeries band, RgbColor color)
    {
        var fill = new StringBuilder();
        var edges = new StringBuilder();
        var upper = new List<Pt>();
        var lower = new List<Pt>();
        void Flush()
        {
            if (upper.Count >= 2)
            {
                List<Pt> polygon = [.. upper, .. Enumerable.Reverse(lower)];
                List<Pt> clipped = Clipping.Polygon(polygon, _plot);
                if (clipped.Count >= 3)
                    SvgFormat.AppendPath(fill, clipped, closed: true);
                foreach (List<Pt> edge in Clipping.Polyline(upper, _plot).Concat(Clipping.Polyline(lower, _plot)))
                {
                    AddObstacles(edge);
                    if (band.ShowEdges)
                        SvgFormat.AppendPath(edges, edge, closed: false);
                }
                List<Pt> middle = [.. upper.Zip(lower, (u, l) => new Pt(u.X, (u.Y + l.Y) / 2))];
                foreach (List<Pt> piece in Clipping.Polyline(middle, _plot))
                    AddObstacles(piece);
            }
            upper.Clear();
            lower.Clear();
        }
        for (int i = 0; i < BandLength(band); i++)
        {
            double x = band.X[i], lo = band.YLow[i], hi = band.YHigh[i];
            if (_x.Usable(x) && _y.Usable(lo) && _y.Usable(hi))
            {
                upper.Add(ToPixel(x, hi));
                lower.Add(ToPixel(x, lo));
            }
            else
            {
                Flush();
            }
        }
        Flush();
        if (fill.Length == 0)
            return null;
        var group = E("g", A("class", "series band"),
            E("path", A("d", fill.ToString()), A("fill", color.ToHex()), A("fill-opacity", Math.Clamp(band.Opacity, 0, 1)), A("stroke", "none")));
        if (edges.Length > 0)
            group.Add(E("path", A("d", edges.ToString()), A("fill", "none"), A("stroke", color.ToHex()), A("stroke-width", 0.8), A("stroke-opacity", 0.8)));
        return group;
    }

    private XElement? Annotation(MarkerAnnotation note)
    {
        if (!_x.InRange(note.Point.X) || !_y.InRange(note.Point.Y))
            return null;
        Pt at = ToPixel(note.Point.X, note.Point.Y);
        double font = _style.AnnotationFontSize;
        string text = note.Text ?? "";
        double w = TextMetrics.Width(text, font), half = note.MarkerSize / 2, gap = 5;

        Rect Box(AnnotationPlacement p) => p switch
        {
            AnnotationPlacement.Right => new Rect(at.X + half + gap, at.Y - (font * 0.6), w, font * 1.2),
            AnnotationPlacement.Left => new Rect(at.X - half - gap - w, at.Y - (font * 0.6), w, font * 1.2),
            AnnotationPlacement.Above => new Rect(at.X - (w / 2), at.Y - half - gap - (font * 1.2), w, font * 1.2),
            _ => new Rect(at.X - (w / 2), at.Y + half + gap, w, font * 1.2),
        };
        AnnotationPlacement[] order = note.Placement switch
        {
            AnnotationPlacement.Left => [AnnotationPlacement.Left, AnnotationPlacement.Right, AnnotationPlacement.Above, AnnotationPlacement.Below],
            AnnotationPlacement.Above => [AnnotationPlacement.Above, AnnotationPlacement.Below, AnnotationPlacement.Right, AnnotationPlacement.Left],
            AnnotationPlacement.Below => [AnnotationPlacement.Below, AnnotationPlacement.Above, AnnotationPlacement.Right, AnnotationPlacement.Left],
            _ => [AnnotationPlacement.Right, AnnotationPlacement.Left, AnnotationPlacement.Above, AnnotationPlacement.Below],
        };
        Rect inner = _plot.Inflate(-3);
        bool Free(Rect r) => inner.ContainsRect(r) && !_annotationBoxes.Any(taken => taken.Intersects(r));
        Rect box = order.Select(Box).FirstOrDefault(Free, order.Select(Box).FirstOrDefault(r => inner.ContainsRect(r), Box(note.Placement)));
        // Nothing fits (a long text in a small plot): slide the preferred box inside.
        double bx = Math.Clamp(box.X, inner.X, Math.Max(inner.X, inner.Right - box.Width));
        double by = Math.Clamp(box.Y, inner.Y, Math.Max(inner.Y, inner.Bottom - box.Height));
        box = box with { X = bx, Y = by };

        _annotationBoxes.Add(box);
        _annotationBoxes.Add(new Rect(at.X - half, at.Y - half, note.MarkerSize, note.MarkerSize));
        double baseline = box.Y + (font * 0.95);
        var group = E("g", A("class", "series annotation"),
            Marker(note.Shape, at, note.MarkerSize, note.Color, stroke: RgbColor.White, strokeWidth: 1),
            E("text", A("x", box.X), A("y", baseline), A("font-size", font), A("fill", "none"), A("stroke", _style.Background.ToHex()),
                A("stroke-width", 3), A("stroke-linejoin", "round"), A("stroke-opacity", 0.85), text),
            E("text", A("class", "annotation-text"), A("x", box.X), A("y", baseline), A("font-size", font), A("fill", note.Color.ToHex()), text));
        _obstacles.AddRange([at, new Pt(box.X, box.Y), new Pt(box.Right, box.Y), new Pt(box.X, box.Bottom), new Pt(box.Right, box.Bottom),
            new Pt(box.X + (box.Width / 2), box.Y + (box.Height / 2))]);
        return group;
    }

    private XElement? Contour(ContourSeries contour)
    {
        ScalarGrid? grid = contour.Grid;
        if (grid is null || !_x.Usable(grid.Xs[0]) || !_y.Usable(grid.Ys[0]))
            return null;
        double[] levels = _contourLevels.FirstOrDefault(c => ReferenceEquals(c.Series, contour)).Levels ?? [];
        double[] columnPx = [.. grid.Xs.Select(_x.ToPixel)];
        double[] rowPx = [.. grid.Ys.Select(_y.ToPixel)];
        Pt Pixel(GridCoordinate g) => new(Interpolate(columnPx, g.Column), Interpolate(rowPx, g.Row));

        var group = E("g", A("class", contour.Filled ? "series contour filled" : "series contour"));
        if (contour.Filled && _colorMap is not null)
        {
            List<List<GridCoordinate>>[] bands = MarchingSquares.Bands(grid, levels);
            (double zLo, double zHi) = FieldRange(grid, _colorMap.Scale);
            for (int b = 0; b < bands.Length; b++)
            {
                if (bands[b].Count == 0)
                    continue;
                (double lo, double hi) = BandBounds(levels, b, zLo, zHi);
                RgbColor color = BandColor(lo, hi);
                var d = new StringBuilder();
                foreach (List<GridCoordinate> polygon in bands[b])
                    SvgFormat.AppendPath(d, [.. polygon.Select(Pixel)], closed: true);
                // A same-colour stroke of 1 px (half a pixel each side) makes one of two adjacent cell polygons cover every
                // seam pixel fully; thinner strokes leave faint light lines from anti-aliasing.
                group.Add(E("path", A("class", "contour-band"), A("d", d.ToString()), A("fill", color.ToHex()), A("stroke", color.ToHex()),
                    A("stroke-width", 1), A("stroke-linejoin", "round")));
            }
        }
        if (contour.ShowLines || !contour.Filled)
        {
            foreach (double level in levels)
            {
                var d = new StringBuilder();
                foreach (ContourPath path in MarchingSquares.Lines(grid, level))
                {
                    List<Pt> points = [.. path.Points.Select(Pixel)];
                    SvgFormat.AppendPath(d, points, path.IsClosed);
                    foreach (List<Pt> piece in Clipping.Polyline(points, _plot))
                        AddObstacles(piece, spacing: 12);
                }
                if (d.Length == 0)
                    continue;
                RgbColor stroke = contour.LineColor ?? (contour.Filled ? RgbColor.FromRgb(0x222222) : MapColor(level) ?? Unmapped);
                group.Add(E("path", A("class", "contour-line"), A("d", d.ToString()), A("fill", "none"), A("stroke", stroke.ToHex()),
                    A("stroke-width", contour.LineWidth > 0 ? contour.LineWidth : 1.2), A("stroke-linejoin", "round"),
                    contour.Filled && contour.LineColor is null ? A("stroke-opacity", 0.45) : null,
                    E("title", "z = " + level.ToString("G6", CultureInfo.InvariantCulture))));
            }
        }
        return group.HasElements ? group : null;
    }

    /// <summary>The value range of filled band <paramref name="band"/>; the open end bands stop at the field's range.</summary>
    private static (double Lo, double Hi) BandBounds(double[] levels, int band, double fieldLo, double fieldHi)
    {
        double lo = band > 0 ? levels[band - 1] : Math.Min(fieldLo, levels.Length > 0 ? levels[0] : fieldLo);
        double hi = band < levels.Length ? levels[band] : Math.Max(fieldHi, levels.Length > 0 ? levels[^1] : fieldHi);
        return (lo, hi);
    }

    private RgbColor BandColor(double lo, double hi)
    {
        AxisMap map = _colorMap!;
        if (!map.Usable(lo) || !map.Usable(hi))
            return MapColor(map.Usable(hi) ? hi : lo) ?? Unmapped;
        double middle = (map.Fraction(lo) + map.Fraction(hi)) / 2;
        return _colorScale.Map(Math.Clamp(middle, 0, 1));
    }

    private static double Interpolate(double[] pixels, double index)
    {
        int i = Math.Clamp((int)Math.Floor(index), 0, pixels.Length - 2);
        return pixels[i] + ((index - i) * (pixels[i + 1] - pixels[i]));
    }

    private static XElement Marker(MarkerShape shape, Pt at, double size, RgbColor fill, RgbColor? stroke = null, double strokeWidth = 0)
    {
        size = size > 0 ? size : 6;
        string color = fill.ToHex();
        XAttribute[] outline = stroke is { } s ? [A("stroke", s.ToHex()), A("stroke-width", strokeWidth)] : [];
        switch (shape)
        {
            case MarkerShape.Square:
                {
                    double side = size * 0.9;
                    return E("rect", A("x", at.X - (side / 2)), A("y", at.Y - (side / 2)), A("width", side), A("height", side), A("fill", color), outline);
                }
            case MarkerShape.Diamond:
                {
                    double h = size * 0.65;
                    return E("path", A("d", Path([new(at.X, at.Y - h), new(at.X + h, at.Y), new(at.X, at.Y + h), new(at.X - h, at.Y)], true)), A("fill", color), outline);
                }
            case MarkerShape.Triangle:
                {
                    double h = size * 0.62;
                    return E("path", A("d", Path([new(at.X, at.Y - h), new(at.X + (h * 0.95), at.Y + (h * 0.7)), new(at.X - (h * 0.95), at.Y + (h * 0.7))], true)), A("fill", color), outline);
                }
            case MarkerShape.Star:
                {
                    double outer = size * 0.62, inner = outer * 0.45;
                    var points = new List<Pt>(10);
                    for (int k = 0; k < 10; k++)
                    {
                        double angle = (-Math.PI / 2) + (k * Math.PI / 5), r = k % 2 == 0 ? outer : inner;
                        points.Add(new Pt(at.X + (r * Math.Cos(angle)), at.Y + (r * Math.Sin(angle))));
                    }
                    return E("path", A("d", Path(points, true)), A("fill", color), outline);
                }
            default:
                return E("circle", A("cx", at.X), A("cy", at.Y), A("r", size / 2), A("fill", color), outline);
        }
    }

    // ---------------------------------------------------------------- colour bar

    private IEnumerable<XElement> ColorBarElements(XElement defs)
    {
        AxisMap map = _colorMap!;
        ColorBar bar = _chart.ColorBar!;
        double x0 = _plot.Right + ColorBarGap, y0 = _plot.Y, height = _plot.Height;
        double tickFont = _style.TickLabelFontSize;
        string gradientId = _id + "-colorbar";
        var gradient = E("linearGradient", A("id", gradientId), A("x1", "0"), A("y1", "1"), A("x2", "0"), A("y2", "0"));
        foreach (ColorStop stop in _colorScale.Stops)
            gradient.Add(E("stop", A("offset", stop.Position.ToString("0.####", CultureInfo.InvariantCulture)), A("stop-color", stop.Color.ToHex())));
        defs.Add(gradient);

        var group = E("g", A("class", "colorbar"));
        group.Add(E("rect", A("class", "colorbar-gradient"), A("x", x0), A("y", y0), A("width", ColorBarWidth), A("height", height),
            A("fill", $"url(#{gradientId})"), A("stroke", _style.AxisColor.ToHex()), A("stroke-width", 0.8)));

        // Filled contours show discrete colours, so the bar shows their bands rather than the continuous scale.
        (ContourSeries? filled, double[] levels) = _contourLevels.FirstOrDefault(c => c.Series.Filled && c.Levels.Length > 0);
        if (filled?.Grid is { } grid)
        {
            (double zLo, double zHi) = FieldRange(grid, map.Scale);
            for (int b = 0; b <= levels.Length; b++)
            {
                (double lo, double hi) = BandBounds(levels, b, zLo, zHi);
                if (!map.Usable(lo) || !map.Usable(hi))
                    continue;
                double top = Math.Clamp(map.ToPixel(hi), y0, y0 + height), bottom = Math.Clamp(map.ToPixel(lo), y0, y0 + height);
                if (bottom - top > 0.01)
                {
                    group.Add(E("rect", A("class", "colorbar-band"), A("x", x0), A("y", top), A("width", ColorBarWidth), A("height", bottom - top),
                        A("fill", BandColor(lo, hi).ToHex()), A("stroke", "none")));
                }
            }
            group.Add(E("rect", A("x", x0), A("y", y0), A("width", ColorBarWidth), A("height", height), A("fill", "none"),
                A("stroke", _style.AxisColor.ToHex()), A("stroke-width", 0.8)));
        }

        var ticks = new StringBuilder();
        foreach (Tick t in _colorTicks)
        {
            double py = Snap(map.ToPixel(t.Value));
            ticks.Append('M').Append(N(x0 + ColorBarWidth)).Append(',').Append(N(py)).Append('h').Append(N(t.IsMajor ? MajorTick - 1 : MinorTick - 1));
        }
        if (ticks.Length > 0)
            group.Add(E("path", A("d", ticks.ToString()), A("stroke", _style.AxisColor.ToHex()), A("stroke-width", 0.8), A("fill", "none")));

        var labels = _colorTicks.Where(t => t.Label is not null)
            .Select(t => (t.Value, Position: map.ToPixel(t.Value), Extent: t.Label!.Value.Superscript is null ? tickFont : tickFont * 1.3, t.Label)).ToList();
        HashSet<int> keep = Thin([.. labels.Select(l => (l.Value, l.Position, l.Extent))], gap: tickFont * 0.4);
        double labelX = x0 + ColorBarWidth + MajorTick + TickGap - 1;
        var labelGroup = E("g", A("class", "tick-labels colorbar"), A("font-size", tickFont), A("fill", _style.TextColor.ToHex()), A("text-anchor", "start"));
        double widest = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (!keep.Contains(i))
                continue;
            labelGroup.Add(LabelText(labelX, labels[i].Position + (tickFont * 0.35), labels[i].Label!.Value, tickFont));
            widest = Math.Max(widest, TextMetrics.Width(labels[i].Label!.Value, tickFont));
        }
        group.Add(labelGroup);

        if (bar.Label is { } title)
        {
            double x = labelX + widest + LabelGap + (_style.AxisLabelFontSize * 0.9), y = y0 + (height / 2);
            group.Add(E("text", A("class", "axis-label colorbar"), A("x", x), A("y", y), A("text-anchor", "middle"),
                A("transform", $"rotate(-90 {N(x)} {N(y)})"), A("font-size", _style.AxisLabelFontSize), A("fill", _style.TextColor.ToHex()), title));
        }
        return [group];
    }

    // ---------------------------------------------------------------- legend

    private sealed record LegendEntry(string Label, Func<Pt, XElement> Swatch);

    private const double SwatchWidth = 26;

    private List<LegendEntry> LegendEntries(List<Series> series)
    {
        var entries = new List<LegendEntry>();
        for (int i = 0; i < series.Count; i++)
        {
            Series s = series[i];
            RgbColor color = _seriesColors[i];
            if (string.IsNullOrEmpty(s.Label))
                continue;
            Func<Pt, XElement>? swatch = s switch
            {
                LineSeries l => at => LineSwatch(at, color, Math.Min(l.Width > 0 ? l.Width : 2, 3.5), l.Dash, l.Opacity),
                ScatterSeries { ColorValues: not null } sc => at => E("g",
                    Marker(sc.Shape, new Pt(at.X - 8, at.Y), Math.Min(sc.MarkerSize, 8), _colorScale.Map(0.15), RgbColor.White, 0.5),
                    Marker(sc.Shape, new Pt(at.X, at.Y), Math.Min(sc.MarkerSize, 8), _colorScale.Map(0.55), RgbColor.White, 0.5),
                    Marker(sc.Shape, new Pt(at.X + 8, at.Y), Math.Min(sc.MarkerSize, 8), _colorScale.Map(0.9), RgbColor.White, 0.5)),
                ScatterSeries sc => at => Marker(sc.Shape, at, Math.Min(Math.Max(sc.MarkerSize, 5), 10), color, sc.EdgeColor ?? RgbColor.White, 0.6),
                BandSeries b => at => E("rect", A("x", at.X - (SwatchWidth / 2)), A("y", at.Y - 5), A("width", SwatchWidth), A("height", 10),
                    A("fill", color.ToHex()), A("fill-opacity", Math.Max(0.25, Math.Clamp(b.Opacity, 0, 1))),
                    b.ShowEdges ? A("stroke", color.ToHex()) : null, b.ShowEdges ? A("stroke-width", 0.8) : null),
                MarkerAnnotation a => at => Marker(a.Shape, at, Math.Min(a.MarkerSize, 12), a.Color, RgbColor.White, 1),
                ContourSeries c when c.Filled => at => E("rect", A("x", at.X - (SwatchWidth / 2)), A("y", at.Y - 5), A("width", SwatchWidth), A("height", 10),
                    A("fill", _colorScale.Map(0.5).ToHex())),
                ContourSeries c => at => LineSwatch(at, c.LineColor ?? _colorScale.Map(0.5), Math.Max(1, c.LineWidth), LineDash.Solid, 1),
                _ => null,
            };
            if (swatch is not null)
                entries.Add(new LegendEntry(s.Label, swatch));
        }
        return entries;
    }

    private static XElement LineSwatch(Pt at, RgbColor color, double width, LineDash dash, double opacity)
    {
        string d = $"M{N(at.X - (SwatchWidth / 2))},{N(at.Y)}h{N(SwatchWidth)}";
        var line = E("path", A("d", d), A("stroke", color.ToHex()), A("stroke-width", width),
            A("stroke-linecap", LineCap(dash)), A("fill", "none"),
            DashArray(dash, width) is { } dashes ? A("stroke-dasharray", dashes) : null,
            opacity < 1 ? A("stroke-opacity", Math.Clamp(opacity, 0, 1)) : null);
        if (!IsVeryLight(color))
            return line;
        // A white line (drawn over a dark contour fill, say) needs a backing to show on the legend's white box.
        return E("g", E("path", A("d", d), A("stroke", "#8c8c8c"), A("stroke-width", width + 2), A("fill", "none")), line);
    }

    private static bool IsVeryLight(RgbColor c) => (0.2126 * c.R) + (0.7152 * c.G) + (0.0722 * c.B) > 225;

    /// <summary>Legend box size; entries fill rows left to right when there is more than one column.</summary>
    private readonly record struct LegendShape(double Width, double Height, int Columns, double ColumnWidth);

    private LegendShape LegendSize(List<LegendEntry> entries, int columns)
    {
        if (entries.Count == 0)
            return new LegendShape(0, 0, 1, 0);
        double font = _style.LegendFontSize;
        double text = entries.Max(e => TextMetrics.Width(e.Label, font));
        double columnWidth = SwatchWidth + 8 + text + 16;
        int rows = (entries.Count + columns - 1) / columns;
        return new LegendShape(8 + (columns * columnWidth) - 6, 10 + (rows * font * 1.55), columns, columnWidth);
    }

    private XElement Legend(List<LegendEntry> entries, LegendPlacement placement, LegendShape shape)
    {
        double font = _style.LegendFontSize, width = shape.Width, height = shape.Height;
        Rect Corner(LegendPlacement p) => p switch
        {
            LegendPlacement.TopLeft => new Rect(_plot.X + LegendInset, _plot.Y + LegendInset, width, height),
            LegendPlacement.BottomLeft => new Rect(_plot.X + LegendInset, _plot.Bottom - LegendInset - height, width, height),
            LegendPlacement.BottomRight => new Rect(_plot.Right - LegendInset - width, _plot.Bottom - LegendInset - height, width, height),
            _ => new Rect(_plot.Right - LegendInset - width, _plot.Y + LegendInset, width, height),
        };

        Rect box;
        if (placement == LegendPlacement.OutsideRight)
        {
            double lastHalf = _xTicks.Where(t => t.Label is not null).Select(t => TextMetrics.Width(t.Label!.Value, _style.TickLabelFontSize) / 2).LastOrDefault();
            double x = _plot.Right + LegendOffset(lastHalf);
            if (_chart.ColorBar is not null && _colorMap is not null)
                x = _plot.Right + ColorBarBlockWidth() + LegendGap;
            box = new Rect(x, _plot.Y, width, height);
        }
        else if (placement == LegendPlacement.Below)
        {
            double x = Math.Clamp(_plot.X + ((_plot.Width - width) / 2), _style.Padding, Math.Max(_style.Padding, _width - _style.Padding - width));
            box = new Rect(x, _height - _style.Padding - height, width, height);
        }
        else if (placement == LegendPlacement.Auto)
        {
            LegendPlacement[] order = [LegendPlacement.TopRight, LegendPlacement.TopLeft, LegendPlacement.BottomLeft, LegendPlacement.BottomRight];
            box = order.Select(Corner).MinBy(r =>
            {
                Rect grown = r.Inflate(3);
                return _obstacles.Count(p => grown.Contains(p));
            });
        }
        else
        {
            box = Corner(placement);
        }

        var group = E("g", A("class", "legend"), A("font-size", font), A("fill", _style.TextColor.ToHex()));
        group.Add(E("rect", A("class", "legend-box"), A("x", box.X), A("y", box.Y), A("width", box.Width), A("height", box.Height), A("rx", 2),
            A("fill", _style.Background.ToHex()), A("fill-opacity", 0.88), A("stroke", "#c8c8c8"), A("stroke-width", 0.8)));
        double row = font * 1.55;
        for (int i = 0; i < entries.Count; i++)
        {
            double left = box.X + 8 + (i % shape.Columns * shape.ColumnWidth);
            double cy = box.Y + 5 + (row * ((i / shape.Columns) + 0.5));
            var swatchCentre = new Pt(left + (SwatchWidth / 2), cy);
            group.Add(E("g", A("class", "legend-entry"),
                entries[i].Swatch(swatchCentre),
                E("text", A("x", left + SwatchWidth + 8), A("y", cy + (font * 0.35)), entries[i].Label)));
        }
        return group;
    }
}
