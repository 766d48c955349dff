using ScottPlot;
using SkiaSharp;

namespace ScalingFit.Plotting;

/// <summary>
/// The look shared by every figure: a sans-serif font (ScottPlot would otherwise take the system's default, a serif on
/// some Linux machines), journal-sized text, a white background, a light grid and the Okabe–Ito approach colours.
/// </summary>
public static class FigureStyle
{
    /// <summary>
    /// Font families tried in order; the first one installed is used for every label. DejaVu Sans (Debian's
    /// <c>fonts-dejavu-core</c>) comes first: it has every glyph the figures use (★, ∝, −, superscript digits, L̂).
    /// </summary>
    public static IReadOnlyList<string> FontFamilies { get; } =
        ["DejaVu Sans", "Verdana", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    /// <summary>The CSS font-family list written into SVG documents, so a viewer without DejaVu Sans picks a sans-serif.</summary>
    public const string CssFontFamilies = "'DejaVu Sans', Verdana, 'Liberation Sans', Arial, Helvetica, sans-serif";

    private static readonly Lazy<string> Resolved = new(() =>
    {
        using SKFontManager manager = SKFontManager.CreateDefault();
        foreach (string family in FontFamilies)
        {
            using SKTypeface? typeface = manager.MatchFamily(family);
            if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
                return family;
        }
        return Fonts.Sans;
    });

    /// <summary>The font family the figures are drawn in: the first of <see cref="FontFamilies"/> installed here.</summary>
    public static string FontFamily => Resolved.Value;

    /// <summary>Panel title size in px.</summary>
    public const float TitleSize = 15;

    /// <summary>Axis title size in px.</summary>
    public const float AxisLabelSize = 13;

    /// <summary>Tick label, legend and annotation size in px.</summary>
    public const float TickLabelSize = 12;

    /// <summary>Text colour, #222222.</summary>
    public static Color Text { get; } = Color.FromHex("#222222");

    /// <summary>Frame and tick colour, #444444.</summary>
    public static Color Frame { get; } = Color.FromHex("#444444");

    /// <summary>Major grid colour, #e2e2e2.</summary>
    public static Color Grid { get; } = Color.FromHex("#e2e2e2");

    /// <summary>Applies the font, sizes and colours to a new plot (before anything is added to it).</summary>
    public static void Apply(Plot plot)
    {
        // No HarfBuzz shaping: shaped text puts ligatures (U+FB00 "ﬀ" in "Hoffmann") into the SVG's text, which breaks
        // search and copy. Unshaped, the combining hat of L̂ sits on the L's top right rather than centred above it.
        LabelStyle.RTLSupport = false;
        // Named, not set as a typeface object (Font.Set would pin a regular-weight typeface and lose the bold title);
        // the default also reaches labels made later (legend entries, annotations).
        Fonts.Default = FontFamily;
        Fonts.DefaultFontStyle = null;
        plot.Axes.Title.Label.FontName = FontFamily;
        plot.Axes.Title.Label.Font = null;
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.ForeColor = Text;
        foreach (IAxis axis in plot.Axes.GetAxes())
            StyleAxis(axis);
        plot.Grid.MajorLineColor = Grid;
        plot.Grid.MajorLineWidth = 1;
        plot.Grid.MinorLineWidth = 0;
        plot.Legend.FontName = FontFamily;
        plot.Legend.FontSize = TickLabelSize;
        plot.Legend.FontColor = Text;
        plot.Legend.OutlineColor = Color.FromHex("#cccccc");
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.92);
        plot.Legend.SymbolWidth = 22;
    }

    /// <summary>Font, sizes and colours of one axis (also used for colour-bar axes).</summary>
    public static void StyleAxis(IAxis axis)
    {
        axis.Label.Font = null;
        axis.TickLabelStyle.Font = null;
        axis.Label.FontName = FontFamily;
        axis.Label.FontSize = AxisLabelSize;
        axis.Label.Bold = false;
        axis.Label.ForeColor = Text;
        axis.TickLabelStyle.FontName = FontFamily;
        axis.TickLabelStyle.FontSize = TickLabelSize;
        axis.TickLabelStyle.ForeColor = Text;
        axis.FrameLineStyle.Color = Frame;
        axis.MajorTickStyle.Color = Frame;
        axis.MinorTickStyle.Color = Frame;
    }
}
