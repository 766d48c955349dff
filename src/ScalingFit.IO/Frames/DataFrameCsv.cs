using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Loads a CSV of runs into a <see cref="DataFrame"/> the safe way. <c>DataFrame.LoadCsv</c> alone guesses each column's
/// type from the first rows (numbers become <c>float</c>, 7 digits) and parses with the current culture, so under a
/// comma-decimal culture such as de-DE "2.5" is read as 25 and "1.2e8" as 1.2e9, silently. This loader passes explicit
/// <c>dataTypes</c> (<c>double</c> for every column whose name is one the importers recognise as N, D, C, loss or budget;
/// <c>string</c> for the rest) and <see cref="CultureInfo.InvariantCulture"/>, whatever the current culture.
/// </summary>
public static class DataFrameCsv
{
    /// <summary>Loads <paramref name="path"/> (comma-separated, with a header row); see <see cref="DataFrameCsv"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="separator">The field separator.</param>
    public static DataFrame Load(string path, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Load(stream, separator);
    }

    /// <summary>Loads CSV text from a stream (UTF-8, header row first); see <see cref="DataFrameCsv"/>.</summary>
    /// <param name="stream">The CSV; read to its end, left open.</param>
    /// <param name="separator">The field separator.</param>
    public static DataFrame Load(Stream stream, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        string[] names;
        using (var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            string header = reader.ReadLine() ?? "";
            names = [.. HeaderNames(header.TrimStart('\uFEFF'), separator)];
        }

        buffer.Position = 0;
        var types = names.Select(n => IsNumeric(n) ? typeof(double) : typeof(string)).ToArray();
        return DataFrame.LoadCsv(buffer, separator, header: true, columnNames: null, dataTypes: types,
            encoding: Encoding.UTF8, cultureInfo: CultureInfo.InvariantCulture);
    }

    /// <summary>The header's field names (RFC 4180: a quoted name may hold the separator; "" inside quotes is a quote).</summary>
    private static IEnumerable<string> HeaderNames(string header, char separator)
    {
        var name = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < header.Length; i++)
        {
            char c = header[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < header.Length && header[i + 1] == '"')
                    name.Append(header[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    name.Append(c);
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                yield return name.ToString().Trim();
                name.Clear();
            }
            else
            {
                name.Append(c);
            }
        }

        yield return name.ToString().Trim();
    }

    /// <summary>Whether a column name is one of the importers' names for N, D, C, the loss or the FLOP budget.</summary>
    public static bool IsNumeric(string columnName)
    {
        string normalized = ColumnKeys.NormalizeName(columnName);
        return ColumnKeys.All.Where(k => k != ColumnKey.RunId)
            .Any(k => ColumnKeys.Aliases(k).Any(alias => ColumnKeys.NormalizeName(alias) == normalized));
    }
}
