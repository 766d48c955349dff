using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace ScalingFit.IO;

/// <summary>
/// A <see cref="DataFrame"/> as an HTML table, for notebooks (register it as the DataFrame formatter, see
/// notebooks/) and reports: a header row of column names, then the first rows; numbers in the invariant culture with
/// up to 6 significant digits, missing values empty, every value HTML-encoded.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>The table (<c>&lt;table class="dataframe"&gt;</c>) of <paramref name="frame"/>'s first <paramref name="maxRows"/> rows.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="maxRows">How many rows to show; a caption says how many there are when more.</param>
    public static string Table(DataFrame frame, int maxRows = 20)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var html = new StringBuilder("<table class=\"dataframe\">");
        long rows = frame.Rows.Count;
        if (rows > maxRows)
            html.Append(CultureInfo.InvariantCulture, $"<caption>first {maxRows} of {rows} rows</caption>");
        html.Append("<thead><tr>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (long i = 0; i < Math.Min(rows, maxRows); i++)
        {
            html.Append("<tr>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(Text(column[i]))).Append("</td>");
            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
