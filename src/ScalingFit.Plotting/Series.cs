namespace ScalingFit.Plotting;

/// <summary>Stroke pattern of a line.</summary>
public enum LineDash
{
    /// <summary>A continuous line.</summary>
    Solid,

    /// <summary>Long dashes.</summary>
    Dashed,

    /// <summary>Round dots.</summary>
    Dotted,

    /// <summary>Alternating dashes and dots.</summary>
    DashDot,
}

/// <summary>Shape of a scatter or annotation marker.</summary>
public enum MarkerShape
{
    /// <summary>A filled circle.</summary>
    Circle,

    /// <summary>A filled square.</summary>
    Square,

    /// <summary>A filled diamond (a square rotated 45°).</summary>
    Diamond,

    /// <summary>A filled upward triangle.</summary>
    Triangle,

    /// <summary>A filled five-pointed star, for highlighting a named model.</summary>
    Star,
}

/// <summary>Where an annotation's text sits relative to its marker.</summary>
public enum AnnotationPlacement
{
    /// <summary>To the right, vertically centred; flipped to the left if it would leave the plot area.</summary>
    Right,

    /// <summary>To the left, vertically centred; flipped to the right if it would leave the plot area.</summary>
    Left,

    /// <summary>Above, centred; flipped below if it would leave the plot area.</summary>
    Above,

    /// <summary>Below, centred; flipped above if it would leave the plot area.</summary>
    Below,
}

/// <summary>
/// Something drawn in a chart's plot area. Series with a non-null <see cref="Label"/> get a legend entry.
/// Renderers draw in layers whatever the list order: filled contours, bands, contour lines, lines, scatter, annotations.
/// </summary>
public abstract record Series
{
    /// <summary>The legend text; null (the default) leaves the series out of the legend.</summary>
    public string? Label { get; init; }
}

/// <summary>A polyline through points in order. Non-finite points (and non-positive ones on a log axis) break the line.</summary>
/// <param name="Points">The vertices, in drawing order.</param>
public sealed record LineSeries(IReadOnlyList<DataPoint> Points) : Series
{
    /// <summary>The stroke colour; null (the default) takes the next colour of the chart's palette.</summary>
    public RgbColor? Color { get; init; }

    /// <summary>Stroke width in pixels. Default 2.</summary>
    public double Width { get; init; } = 2;

    /// <summary>Stroke pattern. Default <see cref="LineDash.Solid"/>.</summary>
    public LineDash Dash { get; init; } = LineDash.Solid;

    /// <summary>Stroke opacity in [0, 1]. Default 1.</summary>
    public double Opacity { get; init; } = 1;
}

/// <summary>
/// Markers at points. Colour either fixed (<see cref="Color"/>) or per point (<see cref="ColorValues"/>, mapped through the
/// chart's colour axis, see <see cref="ColorBar"/>). Points outside the axis ranges are not drawn.
/// </summary>
/// <param name="Points">The marker positions.</param>
public sealed record ScatterSeries(IReadOnlyList<DataPoint> Points) : Series
{
    /// <summary>The fill colour when <see cref="ColorValues"/> is null; null (the default) takes the next palette colour.</summary>
    public RgbColor? Color { get; init; }

    /// <summary>
    /// One value per point, coloured through the chart's colour scale (viridis by default); null (the default) for a single
    /// colour. Points whose value cannot be mapped (NaN, or non-positive on a log colour axis) are drawn grey.
    /// </summary>
    public IReadOnlyList<double>? ColorValues { get; init; }

    /// <summary>Marker size (diameter of a circle) in pixels. Default 7.</summary>
    public double MarkerSize { get; init; } = 7;

    /// <summary>Marker shape. Default <see cref="MarkerShape.Circle"/>.</summary>
    public MarkerShape Shape { get; init; } = MarkerShape.Circle;

    /// <summary>Fill opacity in [0, 1]. Default 0.9, so overlapping markers stay distinguishable.</summary>
    public double Opacity { get; init; } = 0.9;

    /// <summary>Outline colour; null (the default) for a thin white outline that separates overlapping markers.</summary>
    public RgbColor? EdgeColor { get; init; }
}

/// <summary>
/// A filled band between two curves over the same x values, e.g. a bootstrap interval around a fitted frontier.
/// Indices where any of the three values is unusable break the band.
/// </summary>
/// <param name="X">The x values, in drawing order.</param>
/// <param name="YLow">The lower edge, one value per x.</param>
/// <param name="YHigh">The upper edge, one value per x.</param>
public sealed record BandSeries(IReadOnlyList<double> X, IReadOnlyList<double> YLow, IReadOnlyList<double> YHigh) : Series
{
    /// <summary>The fill colour; null (the default) takes the next palette colour.</summary>
    public RgbColor? Color { get; init; }

    /// <summary>Fill opacity in [0, 1]. Default 0.22.</summary>
    public double Opacity { get; init; } = 0.22;

    /// <summary>Whether to stroke the two edges thinly in the fill colour. Default false.</summary>
    public bool ShowEdges { get; init; }
}

/// <summary>
/// A labelled point, e.g. "Chinchilla (70B)" on a compute–parameters plot. Not in the legend unless <see cref="Series.Label"/>
/// is set; the text is placed inside the plot area, flipped to the other side of the marker when needed.
/// </summary>
/// <param name="Point">Where the marker goes.</param>
/// <param name="Text">The text beside the marker.</param>
public sealed record MarkerAnnotation(DataPoint Point, string Text) : Series
{
    /// <summary>Marker and text colour. Default near-black.</summary>
    public RgbColor Color { get; init; } = RgbColor.FromRgb(0x222222);

    /// <summary>Marker shape. Default <see cref="MarkerShape.Star"/>.</summary>
    public MarkerShape Shape { get; init; } = MarkerShape.Star;

    /// <summary>Marker size in pixels. Default 12.</summary>
    public double MarkerSize { get; init; } = 12;

    /// <summary>Preferred side for the text. Default <see cref="AnnotationPlacement.Right"/>.</summary>
    public AnnotationPlacement Placement { get; init; } = AnnotationPlacement.Right;
}

/// <summary>
/// Contours of a scalar field z(x, y) sampled on a rectilinear grid (e.g. loss over parameters × tokens for iso-loss
/// plots), by marching squares. Line contours are coloured by level through the chart's colour axis unless
/// <see cref="LineColor"/> is set (the colour axis then spans the levels); filled contours colour each band between
/// consecutive levels by its midpoint (the colour axis then spans the field, and the colour bar shows the bands).
/// Grid cells are interpolated in axis space, so contours on log axes follow the drawn grid.
/// </summary>
/// <param name="Grid">The sampled field.</param>
public sealed record ContourSeries(ScalarGrid Grid) : Series
{
    /// <summary>The contour levels; null (the default) picks about <see cref="LevelCount"/> nice values inside the data range.</summary>
    public IReadOnlyList<double>? Levels { get; init; }

    /// <summary>How many levels to aim for when <see cref="Levels"/> is null. Default 8.</summary>
    public int LevelCount { get; init; } = 8;

    /// <summary>Fill the bands between levels. Default false (lines only).</summary>
    public bool Filled { get; init; }

    /// <summary>Whether to draw the level lines (over the fill when <see cref="Filled"/>). Default true.</summary>
    public bool ShowLines { get; init; } = true;

    /// <summary>
    /// One colour for every level line; null (the default) colours line contours by level, and draws the lines over filled
    /// contours in translucent dark grey.
    /// </summary>
    public RgbColor? LineColor { get; init; }

    /// <summary>Level line width in pixels. Default 1.2.</summary>
    public double LineWidth { get; init; } = 1.2;
}
