namespace ScalingFit.Plotting;

/// <summary>Where the legend box goes.</summary>
public enum LegendPlacement
{
    /// <summary>
    /// The inside corner that covers the fewest data marks (ties: top right, top left, bottom left, bottom right). A legend
    /// wider or taller than 60% of the plot area goes <see cref="OutsideRight"/> instead, or <see cref="Below"/> when outside
    /// right would leave the plot area less than half the chart's width.
    /// </summary>
    Auto,

    /// <summary>Inside the plot area, top left corner.</summary>
    TopLeft,

    /// <summary>Inside the plot area, top right corner.</summary>
    TopRight,

    /// <summary>Inside the plot area, bottom left corner.</summary>
    BottomLeft,

    /// <summary>Inside the plot area, bottom right corner.</summary>
    BottomRight,

    /// <summary>Outside the plot area, to the right (and right of the colour bar), top-aligned.</summary>
    OutsideRight,

    /// <summary>Below the x-axis title, centred, with entries in as many columns as fit the chart's width.</summary>
    Below,

    /// <summary>No legend.</summary>
    None,
}

/// <summary>
/// The chart's colour axis: how <see cref="ScatterSeries.ColorValues"/> and contour levels map to colours, and the bar that
/// shows it, to the right of the plot area. Without a <see cref="ColorBar"/> the colour axis still exists (linear, viridis,
/// range from the data) but is not drawn.
/// </summary>
/// <param name="Label">The bar's title, drawn rotated beside it; null for none.</param>
public sealed record ColorBar(string? Label = null)
{
    /// <summary>Linear or log10 mapping from value to colour. Default <see cref="AxisScale.Linear"/>.</summary>
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>Value at the bottom of the scale; null (the default) takes the smallest mapped value.</summary>
    public double? Min { get; init; }

    /// <summary>Value at the top of the scale; null (the default) takes the largest mapped value.</summary>
    public double? Max { get; init; }

    /// <summary>Tick label format. Default <see cref="TickFormat.Auto"/>.</summary>
    public TickFormat TickFormat { get; init; } = TickFormat.Auto;

    /// <summary>The colour scale. Default <see cref="ColorScale.Viridis"/>.</summary>
    public ColorScale ColorScale { get; init; } = ColorScale.Viridis;
}

/// <summary>
/// Sizes and colours shared by every chart. Defaults aim at a journal figure viewed at 100%: 11–15 px text in a
/// DejaVu Sans / Helvetica / Arial stack, a white background and a light grid.
/// </summary>
public sealed record ChartStyle
{
    /// <summary>The default style.</summary>
    public static ChartStyle Default { get; } = new();

    /// <summary>CSS font-family list. Default "DejaVu Sans, Helvetica, Arial, sans-serif" (no web fonts are embedded).</summary>
    public string FontFamily { get; init; } = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>Chart title size in px. Default 15.</summary>
    public double TitleFontSize { get; init; } = 15;

    /// <summary>Axis and colour-bar title size in px. Default 13.</summary>
    public double AxisLabelFontSize { get; init; } = 13;

    /// <summary>Tick label size in px. Default 12.</summary>
    public double TickLabelFontSize { get; init; } = 12;

    /// <summary>Legend text size in px. Default 12.</summary>
    public double LegendFontSize { get; init; } = 12;

    /// <summary>Annotation text size in px. Default 12.</summary>
    public double AnnotationFontSize { get; init; } = 12;

    /// <summary>Background fill. Default white.</summary>
    public RgbColor Background { get; init; } = RgbColor.White;

    /// <summary>Colour of text. Default #222222.</summary>
    public RgbColor TextColor { get; init; } = RgbColor.FromRgb(0x222222);

    /// <summary>Colour of the plot frame and ticks. Default #444444.</summary>
    public RgbColor AxisColor { get; init; } = RgbColor.FromRgb(0x444444);

    /// <summary>Colour of major grid lines; null hides them. Default #e2e2e2.</summary>
    public RgbColor? GridColor { get; init; } = RgbColor.FromRgb(0xe2e2e2);

    /// <summary>Colour of minor grid lines on log axes; null (the default) hides them.</summary>
    public RgbColor? MinorGridColor { get; init; }

    /// <summary>Outer padding around the figure in px. Default 10.</summary>
    public double Padding { get; init; } = 10;
}

/// <summary>
/// A declarative, immutable description of one chart: axes, series, colour axis and legend. Renderers
/// (<see cref="IChartRenderer"/>) turn it into an image; nothing here depends on the output format.
/// </summary>
public sealed record Chart
{
    /// <summary>The title above the plot area; null (the default) for none.</summary>
    public string? Title { get; init; }

    /// <summary>The horizontal axis. Default: linear, unlabelled.</summary>
    public Axis XAxis { get; init; } = new();

    /// <summary>The vertical axis. Default: linear, unlabelled.</summary>
    public Axis YAxis { get; init; } = new();

    /// <summary>What to draw. Default empty (the chart shows a "No data" note).</summary>
    public IReadOnlyList<Series> Series { get; init; } = [];

    /// <summary>The colour bar; null (the default) draws none (colour-valued series still use viridis over their data range).</summary>
    public ColorBar? ColorBar { get; init; }

    /// <summary>Legend position. Default <see cref="LegendPlacement.Auto"/>.</summary>
    public LegendPlacement Legend { get; init; } = LegendPlacement.Auto;

    /// <summary>Colours for series without their own. Default <see cref="Palette.OkabeIto"/>.</summary>
    public Palette Palette { get; init; } = Palette.OkabeIto;

    /// <summary>Fonts, colours, grid. Default <see cref="ChartStyle.Default"/>.</summary>
    public ChartStyle Style { get; init; } = ChartStyle.Default;

    /// <summary>Width of the whole chart in px. Default 640.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Height of the whole chart in px. Default 460.</summary>
    public double Height { get; init; } = 460;

    /// <summary>
    /// Padding added to each end of an auto range, as a fraction of its span (in log10 on log axes). Default 0.05. Not applied
    /// in charts with a <see cref="ContourSeries"/>, so the field fills the plot area.
    /// </summary>
    public double RangePadding { get; init; } = 0.05;

    /// <summary>A copy with <paramref name="series"/> appended.</summary>
    public Chart With(params Series[] series) => this with { Series = [.. Series, .. series] };
}

/// <summary>
/// Several charts laid out in a grid in one figure, row by row, e.g. the two or three panels of Hoffmann et al. (2022),
/// Figure 3. Each panel keeps its own axes, legend and colour bar.
/// </summary>
/// <param name="Panels">The charts, in reading order; their own Width and Height are replaced by the panel size.</param>
public sealed record FigureGrid(IReadOnlyList<Chart> Panels)
{
    /// <summary>Panels per row; 0 (the default) puts every panel in one row.</summary>
    public int Columns { get; init; }

    /// <summary>Width of each panel in px. Default 440.</summary>
    public double PanelWidth { get; init; } = 440;

    /// <summary>Height of each panel in px. Default 360.</summary>
    public double PanelHeight { get; init; } = 360;

    /// <summary>A figure title above all panels; null (the default) for none.</summary>
    public string? Title { get; init; }

    /// <summary>Whether to letter the panels (a), (b), … at their top left. Default true.</summary>
    public bool PanelLetters { get; init; } = true;

    /// <summary>Style for the figure title and panel letters. Default <see cref="ChartStyle.Default"/>.</summary>
    public ChartStyle Style { get; init; } = ChartStyle.Default;
}
