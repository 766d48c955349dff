using System.Text;

namespace ScalingFit.IO;

/// <summary>
/// A plain table of already formatted cells, written as Markdown or CSV; the CLI draws the same rows on the terminal,
/// so every output shows the same numbers.
/// </summary>
/// <param name="Title">A caption.</param>
/// <param name="Headers">Column headers.</param>
/// <param name="Rows">Rows of cells, one per header.</param>
public sealed record TextTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>A GitHub-flavoured Markdown table with the title as a heading.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(Title).AppendLine();
        text.Append("| ").AppendJoin(" | ", Headers.Select(Escape)).AppendLine(" |");
        text.Append('|').AppendJoin("|", Headers.Select(_ => "---")).AppendLine("|");
        foreach (var row in Rows)
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
        return text.ToString();
    }

    /// <summary>RFC 4180 CSV with a header row.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendJoin(",", Headers.Select(Quote)).Append('\n');
        foreach (var row in Rows)
            text.AppendJoin(",", row.Select(Quote)).Append('\n');
        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
