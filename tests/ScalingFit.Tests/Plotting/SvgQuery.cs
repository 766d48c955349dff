using System.Globalization;
using System.Xml.Linq;
using ScalingFit.Plotting;
using ScalingFit.Plotting.Svg;

namespace ScalingFit.Tests.Plotting;

/// <summary>Parses rendered SVG and finds elements by the class names the renderer puts on them.</summary>
internal sealed class SvgQuery
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private SvgQuery(string text, XDocument document)
    {
        Text = text;
        Document = document;
    }

    public string Text { get; }

    public XDocument Document { get; }

    public XElement Root => Document.Root!;

    /// <summary>Renders and parses; XDocument.Parse throws if the output is not well-formed XML.</summary>
    public static SvgQuery Render(Chart chart) => Parse(SvgChartRenderer.Default.Render(chart));

    public static SvgQuery Render(FigureGrid figure) => Parse(SvgChartRenderer.Default.Render(figure));

    public static SvgQuery Parse(string svg) => new(svg, XDocument.Parse(svg));

    public IEnumerable<XElement> WithClass(string className) =>
        Document.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(className) == true);

    /// <summary>Tick label texts of one axis group ("x", "y" or "colorbar"), superscripts written as "10^18".</summary>
    public IReadOnlyList<string> TickLabels(string axis) =>
        [.. WithClass("tick-labels").Where(g => ((string)g.Attribute("class")!).Split(' ').Contains(axis))
            .SelectMany(g => g.Elements(Svg + "text")).Select(LabelText)];

    public static string LabelText(XElement text)
    {
        string body = string.Concat(text.Nodes().OfType<XText>().Select(t => t.Value));
        XElement? sup = text.Element(Svg + "tspan");
        return sup is null ? body : body + "^" + sup.Value;
    }

    /// <summary>The plot rectangle (the clip path's rect).</summary>
    public (double X, double Y, double Width, double Height) PlotArea()
    {
        XElement rect = WithClass("plot-area").First();
        return (Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));
    }

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
