using System.Text;
using System.Xml;
using System.Xml.Linq;
using static ScalingFit.Plotting.Svg.SvgFormat;

namespace ScalingFit.Plotting.Svg;

/// <summary>
/// Renders charts as standalone SVG 1.1 documents: <c>xmlns</c>, <c>width</c>/<c>height</c> and <c>viewBox</c> set, a
/// white background, presentation attributes only (no stylesheets, scripts or external fonts), every number written in the
/// invariant culture, so the output is byte-identical on every machine and culture.
/// </summary>
/// <remarks>
/// Elements carry <c>class</c> names (<c>plot-area</c>, <c>tick-label</c>, <c>legend-entry</c>, <c>contour-line</c>,
/// <c>no-data</c>, …) so tests and post-processing can find them; nothing styles them.
/// </remarks>
public sealed class SvgChartRenderer : IChartRenderer
{
    /// <summary>A shared instance; the renderer has no state.</summary>
    public static SvgChartRenderer Default { get; } = new();

    /// <inheritdoc />
    public string Render(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        double width = Positive(chart.Width, 640), height = Positive(chart.Height, 460);
        XElement svg = Root(width, height, chart.Style ?? ChartStyle.Default);
        svg.Add(PanelRenderer.Render(chart, width, height, "p0", letter: null));
        return Serialize(svg);
    }

    /// <inheritdoc />
    public string Render(FigureGrid figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        IReadOnlyList<Chart> panels = figure.Panels ?? [];
        ChartStyle style = figure.Style ?? ChartStyle.Default;
        int columns = figure.Columns > 0 ? figure.Columns : Math.Max(1, panels.Count);
        int rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        double panelWidth = Positive(figure.PanelWidth, 440), panelHeight = Positive(figure.PanelHeight, 360);
        double titleHeight = string.IsNullOrEmpty(figure.Title) ? 0 : style.Padding + (style.TitleFontSize * 1.6);
        double width = columns * panelWidth, height = titleHeight + (rows * panelHeight);

        XElement svg = Root(width, height, style);
        if (!string.IsNullOrEmpty(figure.Title))
        {
            svg.Add(new XElement(PanelRenderer.Ns + "text", new XAttribute("class", "figure-title"), new XAttribute("x", N(width / 2)),
                new XAttribute("y", N(style.Padding + (style.TitleFontSize * 1.1))), new XAttribute("text-anchor", "middle"),
                new XAttribute("font-size", N(style.TitleFontSize * 1.1)), new XAttribute("font-weight", "bold"),
                new XAttribute("fill", style.TextColor.ToHex()), figure.Title));
        }
        for (int i = 0; i < panels.Count; i++)
        {
            double x = i % columns * panelWidth, y = titleHeight + (i / columns * panelHeight);
            string? letter = figure.PanelLetters ? $"({Letter(i)})" : null;
            XElement panel = PanelRenderer.Render(panels[i], panelWidth, panelHeight, $"p{i}", letter);
            panel.SetAttributeValue("transform", $"translate({N(x)} {N(y)})");
            svg.Add(panel);
        }
        return Serialize(svg);
    }

    private static string Letter(int index) => index < 26 ? ((char)('a' + index)).ToString() : $"{(char)('a' + (index / 26) - 1)}{(char)('a' + (index % 26))}";

    private static double Positive(double value, double fallback) => double.IsFinite(value) && value > 0 ? value : fallback;

    private static XElement Root(double width, double height, ChartStyle style) =>
        new(PanelRenderer.Ns + "svg",
            new XAttribute("version", "1.1"),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("font-family", style.FontFamily),
            new XElement(PanelRenderer.Ns + "rect", new XAttribute("class", "background"), new XAttribute("width", N(width)),
                new XAttribute("height", N(height)), new XAttribute("fill", style.Background.ToHex())));

    private static string Serialize(XElement svg)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            Encoding = new UTF8Encoding(false),
        };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings))
            new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Save(writer);
        return text.ToString() + "\n";
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
