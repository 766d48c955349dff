using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScalingFit.Core;

namespace ScalingFit.Plotting;

/// <summary>How a table column's cells are aligned.</summary>
public enum ColumnAlignment
{
    /// <summary>Right when every cell that is not a placeholder (empty, "–", "n/a") reads as a number, otherwise left.</summary>
    Auto,

    /// <summary>Left-aligned text.</summary>
    Left,

    /// <summary>Right-aligned, with tabular figures, for numbers.</summary>
    Right,
}

/// <summary>A table of preformatted cells.</summary>
/// <param name="Title">The caption above the table.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows of cells, already formatted; a short row is padded with empty cells.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A note under the table (plain text); null for none.</summary>
    public string? Note { get; init; }

    /// <summary>Per-column alignment; null (the default), or a column beyond the list, means <see cref="ColumnAlignment.Auto"/>.</summary>
    public IReadOnlyList<ColumnAlignment>? Alignments { get; init; }
}

/// <summary>A block of preformatted text under a heading, e.g. one approach's <c>ToReport()</c>.</summary>
/// <param name="Title">The heading.</param>
/// <param name="Text">The text, shown as it is in a monospace block.</param>
public sealed record ReportText(string Title, string Text);

/// <summary>A diagnostic with the part of the analysis it came from (e.g. <c>isoflop</c>, <c>import</c>).</summary>
/// <param name="Source">Where it came from.</param>
/// <param name="Diagnostic">The finding.</param>
public sealed record ReportDiagnostic(string Source, Diagnostic Diagnostic);

/// <summary>
/// A self-contained HTML report (<c>index.html</c>): title, a description of the data, result tables, the figures as inline
/// SVG with captions, each approach's text report, and the diagnostics. Everything is in the one file (inline CSS; no
/// scripts, external stylesheets, fonts or images), so it can be mailed, archived or opened offline. Text is
/// HTML-escaped; SVG ids are prefixed per figure so that figures embedded together do not share clip paths.
/// </summary>
/// <param name="Title">The page title and top heading.</param>
public sealed record HtmlReport(string Title)
{
    /// <summary>A description of the data (plain text; blank lines separate paragraphs); null for none.</summary>
    public string? Description { get; init; }

    /// <summary>Result tables, in order.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    /// <summary>Figures, in order (e.g. from <see cref="ReportFigures.All"/>); embedded as inline SVG.</summary>
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];

    /// <summary>The formats the figures were also written to as files, named in each caption. Default both.</summary>
    public FigureFormat FigureFiles { get; init; } = FigureFormat.Both;

    /// <summary>Each approach's text report, shown preformatted.</summary>
    public IReadOnlyList<ReportText> FitReports { get; init; } = [];

    /// <summary>Diagnostics of the import and the fits.</summary>
    public IReadOnlyList<ReportDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>A line at the foot of the page (e.g. the command and version that made it); null for none.</summary>
    public string? Footer { get; init; }

    /// <summary>The complete HTML document (UTF-8 text, LF line ends).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        // Void elements are self-closed and every other element closed, so the page is also well-formed XML (XHTML
        // syntax is valid HTML5), which lets tools and tests parse it with an XML reader.
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(E(Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(E(Title)).Append("</h1>\n");
        foreach (string paragraph in Paragraphs(Description))
            html.Append("<p class=\"description\">").Append(E(paragraph)).Append("</p>\n");

        var contents = new List<(string Id, string Label)>();
        if (Tables.Count > 0)
            contents.Add(("results", "Results"));
        if (Figures.Count > 0)
            contents.Add(("figures", "Figures"));
        if (FitReports.Count > 0)
            contents.Add(("reports", "Fit reports"));
        contents.Add(("diagnostics", "Diagnostics"));
        html.Append("<nav><ul>");
        foreach ((string id, string label) in contents)
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(label)).Append("</a></li>");
        html.Append("</ul></nav>\n");

        if (Tables.Count > 0)
        {
            html.Append("<section id=\"results\">\n<h2>Results</h2>\n");
            foreach (ReportTable table in Tables)
                AppendTable(html, table);
            html.Append("</section>\n");
        }

        if (Figures.Count > 0)
        {
            html.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
            for (int i = 0; i < Figures.Count; i++)
            {
                ReportFigure figure = Figures[i];
                html.Append("<figure id=\"").Append(E(FigureId(figure, i))).Append("\">\n<h3>").Append(E(figure.Title)).Append("</h3>\n")
                    .Append("<div class=\"svg\">").Append(InlineSvg(figure.Svg, $"f{i}-")).Append("</div>\n")
                    .Append("<figcaption>").Append(E(figure.Caption)).Append(" <span class=\"file\">(")
                    .Append(E(string.Join(", ", FigureFormats.Each(FigureFiles).Select(figure.FileName)))).Append(")</span></figcaption>\n</figure>\n");
            }
            html.Append("</section>\n");
        }

        if (FitReports.Count > 0)
        {
            html.Append("<section id=\"reports\">\n<h2>Fit reports</h2>\n");
            foreach (ReportText report in FitReports)
                html.Append("<h3>").Append(E(report.Title)).Append("</h3>\n<pre>").Append(E(report.Text.TrimEnd())).Append("</pre>\n");
            html.Append("</section>\n");
        }

        html.Append("<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n");
        if (Diagnostics.Count == 0)
        {
            html.Append("<p>None.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"diagnostics\">\n");
            foreach (ReportDiagnostic d in Diagnostics.OrderByDescending(d => d.Diagnostic.Severity))
            {
                string severity = d.Diagnostic.Severity.ToString().ToLowerInvariant();
                html.Append("<li class=\"").Append(severity).Append("\"><span class=\"severity\">").Append(severity).Append("</span> ")
                    .Append("<span class=\"source\">").Append(E(d.Source)).Append("</span> <code>").Append(E(d.Diagnostic.Code)).Append("</code> ")
                    .Append(E(d.Diagnostic.Message)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</section>\n");
        if (!string.IsNullOrEmpty(Footer))
            html.Append("<footer>").Append(E(Footer)).Append("</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static IEnumerable<string> Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : Regex.Split(text.Replace("\r\n", "\n"), @"\n\s*\n").Select(p => p.Trim()).Where(p => p.Length > 0);

    private static string FigureId(ReportFigure figure, int index)
    {
        string stem = Regex.Replace((figure.Name ?? "").ToLowerInvariant(), "[^a-z0-9-]+", "-").Trim('-');
        return "figure-" + (stem.Length > 0 ? stem : index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        int columns = Math.Max(table.Headers.Count, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
        var right = new bool[columns];
        for (int c = 0; c < columns; c++)
        {
            ColumnAlignment alignment = table.Alignments is { } a && c < a.Count ? a[c] : ColumnAlignment.Auto;
            right[c] = alignment switch
            {
                ColumnAlignment.Right => true,
                ColumnAlignment.Left => false,
                _ => IsNumericColumn(table.Rows.Select(r => c < r.Count ? r[c] : "")),
            };
        }
        html.Append("<div class=\"table\">\n<table>\n<caption>").Append(E(table.Title)).Append("</caption>\n<thead><tr>");
        for (int c = 0; c < columns; c++)
            html.Append(right[c] ? "<th class=\"num\">" : "<th>").Append(E(c < table.Headers.Count ? table.Headers[c] : "")).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (IReadOnlyList<string> row in table.Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < columns; c++)
                html.Append(right[c] ? "<td class=\"num\">" : "<td>").Append(E(c < row.Count ? row[c] : "")).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
        if (!string.IsNullOrWhiteSpace(table.Note))
            html.Append("<p class=\"note\">").Append(E(table.Note)).Append("</p>\n");
    }

    private static readonly Regex Number = new(
        @"^[+\-−]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+\-−]?\d+)?(%|[KMBT]|×10\S*|x)?$", RegexOptions.CultureInvariant);

    /// <summary>True when every cell that is not a placeholder starts with a number (e.g. "0.454 (0.44, 0.46)", "1.92e19", "70B").</summary>
    internal static bool IsNumericColumn(IEnumerable<string?> cells)
    {
        bool any = false;
        foreach (string? cell in cells)
        {
            string text = (cell ?? "").Trim();
            if (text is "" or "–" or "-" or "—" or "n/a" or "NaN" or "null")
                continue;
            string first = text.Split([' ', '\u00a0', '\t'], 2)[0];
            if (!Number.IsMatch(first))
                return false;
            any = true;
        }
        return any;
    }

    /// <summary>The SVG root without its XML declaration, with ids (and url(#…) references to them) prefixed.</summary>
    private static string InlineSvg(string svg, string prefix)
    {
        XDocument document = XDocument.Parse(svg);
        XElement root = document.Root!;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (XElement element in root.DescendantsAndSelf())
        {
            if (element.Attribute("id") is { } id)
            {
                ids.Add(id.Value);
                id.Value = prefix + id.Value;
            }
        }
        if (ids.Count > 0)
        {
            foreach (XAttribute attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName != "id"))
            {
                string value = attribute.Value;
                if (!value.Contains('#', StringComparison.Ordinal))
                    continue;
                string replaced = Regex.Replace(value, @"url\(#([^)]+)\)", m => ids.Contains(m.Groups[1].Value) ? $"url(#{prefix}{m.Groups[1].Value})" : m.Value);
                if (value.StartsWith('#') && ids.Contains(value[1..]))
                    replaced = "#" + prefix + value[1..];
                attribute.Value = replaced;
            }
        }
        root.SetAttributeValue("role", "img");
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #ffffff; color: #1f2328;
          font-family: "DejaVu Sans", -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.55; }
        main { max-width: 1320px; margin: 0 auto; padding: 28px 24px 48px; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 0.6em; }
        h2 { font-size: 1.3rem; margin: 2em 0 0.6em; padding-bottom: 0.25em; border-bottom: 1px solid #d8dee4; }
        h3 { font-size: 1.05rem; margin: 1.6em 0 0.5em; }
        p.description { max-width: 75ch; }
        nav ul { list-style: none; padding: 0; margin: 1em 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.4em; font-size: 0.95rem; }
        a { color: #0b5cad; }
        div.table { max-width: 100%; overflow-x: auto; }
        table { border-collapse: collapse; margin: 1em 0 0.4em; font-size: 0.88rem; }
        caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.4em; }
        th, td { padding: 0.3em 0.6em; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; }
        th { border-bottom: 2px solid #9aa4ae; vertical-align: bottom; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        tbody tr:nth-child(even) { background: #f8f9fa; }
        p.note { font-size: 0.88rem; color: #57606a; max-width: 90ch; margin-top: 0.2em; }
        figure { margin: 1.2em 0 2.2em; }
        figure h3 { margin-top: 0; }
        div.svg { overflow-x: auto; }
        div.svg svg { display: block; max-width: 100%; height: auto; }
        div.svg svg text { font-family: "DejaVu Sans", Verdana, "Liberation Sans", Arial, Helvetica, sans-serif; }
        figcaption { font-size: 0.92rem; color: #3d444d; max-width: 95ch; margin-top: 0.5em; }
        figcaption .file { color: #6e7781; }
        pre { background: #f6f8fa; border: 1px solid #e4e7eb; border-radius: 4px; padding: 0.9em 1em; overflow-x: auto; white-space: pre-wrap;
          font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.82rem; line-height: 1.45; }
        ul.diagnostics { list-style: none; padding: 0; }
        ul.diagnostics li { padding: 0.35em 0.6em; margin: 0.25em 0; border-left: 4px solid #8c959f; background: #f6f8fa; }
        ul.diagnostics li.warning { border-left-color: #bf8700; background: #fff8e5; }
        ul.diagnostics li.error { border-left-color: #cf222e; background: #ffebe9; }
        .severity { font-weight: bold; text-transform: uppercase; font-size: 0.75rem; letter-spacing: 0.04em; margin-right: 0.4em; }
        .source { color: #57606a; margin-right: 0.3em; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
        footer { margin-top: 3em; font-size: 0.85rem; color: #6e7781; }

        """;
}
