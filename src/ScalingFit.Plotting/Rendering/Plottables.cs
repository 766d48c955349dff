using ScottPlot;
using SkiaSharp;

namespace ScalingFit.Plotting;

/// <summary>
/// Markers each with its own fill colour, e.g. runs coloured by their loss through a <see cref="ColorAxis"/>. ScottPlot's
/// own <c>Markers</c> take a colour map by point index, not by value.
/// </summary>
/// <param name="points">Marker positions in axis coordinates (log10 on log axes).</param>
/// <param name="colors">One fill colour per point.</param>
public sealed class ColoredMarkers(IReadOnlyList<Coordinates> points, IReadOnlyList<Color> colors) : IPlottable, IHasLegendText
{
    /// <summary>Marker positions in axis coordinates.</summary>
    public IReadOnlyList<Coordinates> Points { get; } = points;

    /// <summary>One fill colour per point.</summary>
    public IReadOnlyList<Color> Colors { get; } = colors;

    /// <summary>Shape, size and outline; the fill colour is set per point.</summary>
    public MarkerStyle MarkerStyle { get; } = new(MarkerShape.FilledCircle, 6) { OutlineWidth = 0.8f, OutlineColor = ScottPlot.Colors.White };

    /// <inheritdoc />
    public string LegendText { get; set; } = string.Empty;

    /// <inheritdoc />
    [Obsolete("use LegendText")]
    public string Label { get => LegendText; set => LegendText = value; }

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    /// <summary>The legend shows a marker in the middle colour of the points.</summary>
    public IEnumerable<LegendItem> LegendItems => string.IsNullOrEmpty(LegendText)
        ? LegendItem.None
        : [new LegendItem
        {
            LabelText = LegendText,
            MarkerStyle = new MarkerStyle(MarkerStyle.Shape, MarkerStyle.Size, Colors.Count > 0 ? Colors[Colors.Count / 2] : ScottPlot.Colors.Gray)
            {
                OutlineWidth = MarkerStyle.OutlineWidth, OutlineColor = MarkerStyle.OutlineColor,
            },
        }];

    /// <inheritdoc />
    public AxisLimits GetAxisLimits() => Points.Count == 0 ? AxisLimits.NoLimits : new AxisLimits(Points);

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        var style = new MarkerStyle(MarkerStyle.Shape, MarkerStyle.Size)
        {
            OutlineWidth = MarkerStyle.OutlineWidth, OutlineColor = MarkerStyle.OutlineColor, CustomRenderer = MarkerStyle.CustomRenderer,
        };
        for (int i = 0; i < Points.Count; i++)
        {
            style.FillColor = Colors[i];
            Drawing.DrawMarker(rp.Canvas, rp.Paint, Axes.GetPixel(Points[i]), style);
        }
    }
}

/// <summary>
/// Filled contour bands drawn as vector polygons: each band one path of the cells and cell pieces that
/// <see cref="MarchingSquares.Bands"/> puts in it, plus the level lines over them. ScottPlot draws contour lines and
/// heatmaps, not filled bands; a heatmap would be a raster inside the SVG.
/// </summary>
public sealed class FilledContours : IPlottable
{
    /// <summary>Builds the bands of <paramref name="grid"/> (coordinates in axis units) at <paramref name="levels"/>.</summary>
    /// <param name="grid">The field, sampled in axis coordinates (log10 on log axes), so bands follow the drawn grid.</param>
    /// <param name="levels">The band edges, ascending.</param>
    /// <param name="bandColor">The colour of the band between two values (the open end bands stop at the field's range).</param>
    public FilledContours(ScalarGrid grid, IReadOnlyList<double> levels, Func<double, double, Color> bandColor)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(levels);
        Grid = grid;
        Levels = [.. levels];
        (double fieldLo, double fieldHi) = FieldRange(grid);
        List<List<GridCoordinate>>[] bands = MarchingSquares.Bands(grid, Levels);
        var list = new List<(Color, Coordinates[][])>();
        for (int b = 0; b < bands.Length; b++)
        {
            if (bands[b].Count == 0)
                continue;
            double lo = b > 0 ? Levels[b - 1] : Math.Min(fieldLo, Levels.Count > 0 ? Levels[0] : fieldLo);
            double hi = b < Levels.Count ? Levels[b] : Math.Max(fieldHi, Levels.Count > 0 ? Levels[^1] : fieldHi);
            list.Add((bandColor(lo, hi), [.. bands[b].Select(polygon => polygon.Select(grid.ToData).ToArray())]));
        }
        Bands = list;
        Lines = [.. Levels.SelectMany(level => MarchingSquares.Lines(grid, level)).Select(p => (p.Points.Select(grid.ToData).ToArray(), p.IsClosed))];
    }

    /// <summary>The field.</summary>
    public ScalarGrid Grid { get; }

    /// <summary>The band edges.</summary>
    public IReadOnlyList<double> Levels { get; }

    /// <summary>Each non-empty band: its colour and polygons in axis coordinates.</summary>
    public IReadOnlyList<(Color Color, Coordinates[][] Polygons)> Bands { get; }

    /// <summary>The level lines in axis coordinates.</summary>
    public IReadOnlyList<(Coordinates[] Points, bool Closed)> Lines { get; }

    /// <summary>Colour of the level lines drawn over the bands; default translucent near-black.</summary>
    public Color LineColor { get; set; } = Color.FromHex("#222222").WithAlpha(0.45);

    /// <summary>Width of the level lines in px; 0 hides them. Default 0.8.</summary>
    public float LineWidth { get; set; } = 0.8f;

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    /// <inheritdoc />
    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    /// <inheritdoc />
    public AxisLimits GetAxisLimits() => new(Grid.Xs[0], Grid.Xs[^1], Grid.Ys[0], Grid.Ys[^1]);

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        using var paint = new SKPaint { IsAntialias = true, StrokeJoin = SKStrokeJoin.Round };
        foreach ((Color color, Coordinates[][] polygons) in Bands)
        {
            using var path = new SKPath();
            foreach (Coordinates[] polygon in polygons)
                AddPolygon(path, polygon, close: true);
            // A 1 px stroke in the fill colour covers the anti-aliased seams between neighbouring cells.
            paint.Color = color.ToSKColor();
            paint.Style = SKPaintStyle.StrokeAndFill;
            paint.StrokeWidth = 1;
            rp.Canvas.DrawPath(path, paint);
        }
        if (LineWidth > 0 && Lines.Count > 0)
        {
            using var path = new SKPath();
            foreach ((Coordinates[] points, bool closed) in Lines)
                AddPolygon(path, points, closed);
            paint.Color = LineColor.ToSKColor();
            paint.Style = SKPaintStyle.Stroke;
            paint.StrokeWidth = LineWidth;
            rp.Canvas.DrawPath(path, paint);
        }
    }

    private void AddPolygon(SKPath path, Coordinates[] points, bool close)
    {
        if (points.Length < 2)
            return;
        Pixel first = Axes.GetPixel(points[0]);
        path.MoveTo(first.X, first.Y);
        for (int i = 1; i < points.Length; i++)
        {
            Pixel p = Axes.GetPixel(points[i]);
            path.LineTo(p.X, p.Y);
        }
        if (close)
            path.Close();
    }

    private static (double Lo, double Hi) FieldRange(ScalarGrid grid)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int r = 0; r < grid.Rows; r++)
        {
            for (int c = 0; c < grid.Columns; c++)
            {
                double z = grid.Value(c, r);
                if (double.IsFinite(z))
                {
                    lo = Math.Min(lo, z);
                    hi = Math.Max(hi, z);
                }
            }
        }
        return (lo, hi);
    }
}

/// <summary>A filled five-pointed star marker (ScottPlot has none), for named models and projections.</summary>
public sealed class StarMarker : IMarker
{
    /// <inheritdoc />
    public void Render(SKCanvas canvas, Paint paint, Pixel center, float size, MarkerStyle markerStyle)
    {
        ArgumentNullException.ThrowIfNull(markerStyle);
        float outer = size / 2, inner = outer * 0.45f;
        var points = new SKPoint[10];
        for (int k = 0; k < 10; k++)
        {
            double angle = (-Math.PI / 2) + (k * Math.PI / 5);
            float r = k % 2 == 0 ? outer : inner;
            points[k] = new SKPoint(center.X + (float)(r * Math.Cos(angle)), center.Y + (float)(r * Math.Sin(angle)));
        }
        using var path = new SKPath();
        path.AddPoly(points);
        Drawing.FillPath(canvas, paint, path, markerStyle.FillStyle, new PixelRect(center, outer));
        Drawing.DrawPath(canvas, paint, path, markerStyle.OutlineStyle);
    }
}

/// <summary>
/// A dashed or dotted polyline drawn dash by dash. ScottPlot dashes lines with a Skia path effect, which Skia's SVG
/// back end does not support (it draws them solid and complains on stderr); explicit segments look the same in PNG and SVG.
/// </summary>
/// <param name="points">The vertices in axis coordinates.</param>
/// <param name="color">The stroke colour.</param>
/// <param name="width">The stroke width in px.</param>
/// <param name="dotted">Dots instead of dashes.</param>
public sealed class DashedLine(IReadOnlyList<Coordinates> points, Color color, float width, bool dotted = false) : IPlottable, IHasLegendText
{
    /// <summary>The vertices in axis coordinates.</summary>
    public IReadOnlyList<Coordinates> Points { get; } = points;

    /// <summary>The stroke colour.</summary>
    public Color Color { get; } = color;

    /// <summary>The stroke width in px.</summary>
    public float Width { get; } = width;

    /// <summary>The on/off lengths in px.</summary>
    public (float On, float Off) Dash { get; } = dotted ? (1.5f, 3f) : (6f, 4f);

    /// <inheritdoc />
    public string LegendText { get; set; } = string.Empty;

    /// <inheritdoc />
    [Obsolete("use LegendText")]
    public string Label { get => LegendText; set => LegendText = value; }

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    /// <summary>The legend symbol is three dashes (a marker, so it needs no path effect either).</summary>
    public IEnumerable<LegendItem> LegendItems => string.IsNullOrEmpty(LegendText)
        ? LegendItem.None
        : [new LegendItem
        {
            LabelText = LegendText,
            MarkerStyle = new MarkerStyle(MarkerShape.FilledSquare, 10, Color) { CustomRenderer = new DashSymbol(Dash, Width), OutlineWidth = 0 },
            LineStyle = LineStyle.None,
        }];

    /// <inheritdoc />
    public AxisLimits GetAxisLimits() => Points.Count == 0 ? AxisLimits.NoLimits : new AxisLimits(Points);

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        if (Points.Count < 2)
            return;
        using var paint = new SKPaint { IsAntialias = true, Color = Color.ToSKColor(), StrokeWidth = Width, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Butt };
        using var path = new SKPath();
        Pixel[] pixels = [.. Points.Select(Axes.GetPixel)];
        bool on = true;
        float left = Dash.On;
        for (int i = 1; i < pixels.Length; i++)
        {
            float x0 = pixels[i - 1].X, y0 = pixels[i - 1].Y, dx = pixels[i].X - x0, dy = pixels[i].Y - y0;
            float length = MathF.Sqrt((dx * dx) + (dy * dy)), at = 0;
            if (!(length > 0) || !float.IsFinite(length))
                continue;
            while (at < length)
            {
                float step = Math.Min(left, length - at);
                if (on)
                {
                    path.MoveTo(x0 + (dx * at / length), y0 + (dy * at / length));
                    path.LineTo(x0 + (dx * (at + step) / length), y0 + (dy * (at + step) / length));
                }
                at += step;
                left -= step;
                if (left <= 1e-4f)
                {
                    on = !on;
                    left = on ? Dash.On : Dash.Off;
                }
            }
        }
        rp.Canvas.DrawPath(path, paint);
    }

    private sealed class DashSymbol((float On, float Off) dash, float width) : IMarker
    {
        public void Render(SKCanvas canvas, Paint paint, Pixel center, float size, MarkerStyle markerStyle)
        {
            using var stroke = new SKPaint { IsAntialias = true, Color = markerStyle.FillColor.ToSKColor(), StrokeWidth = width, Style = SKPaintStyle.Stroke };
            const float half = 11;
            for (float x = center.X - half; x < center.X + half; x += dash.On + dash.Off)
                canvas.DrawLine(x, center.Y, Math.Min(x + dash.On, center.X + half), center.Y, stroke);
        }
    }
}

/// <summary>A legend symbol for a light line drawn over a dark halo (e.g. the white efficient frontier over filled contours).</summary>
/// <param name="line">The line colour.</param>
/// <param name="halo">The halo colour.</param>
/// <param name="width">The line width in px; the halo is 2 px wider.</param>
public sealed class HaloLineSymbol(Color line, Color halo, float width) : IMarker
{
    /// <inheritdoc />
    public void Render(SKCanvas canvas, Paint paint, Pixel center, float size, MarkerStyle markerStyle)
    {
        const float half = 11;
        using var stroke = new SKPaint { IsAntialias = true, Color = halo.ToSKColor(), StrokeWidth = width + 2, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(center.X - half, center.Y, center.X + half, center.Y, stroke);
        stroke.Color = line.ToSKColor();
        stroke.StrokeWidth = width;
        canvas.DrawLine(center.X - half + 1, center.Y, center.X + half - 1, center.Y, stroke);
    }
}
