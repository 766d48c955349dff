using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Feeds the rows of a <see cref="DataFrame"/> through the importers' <see cref="ImportSession"/>, so a DataFrame gets the
/// same column finding, rules and messages as a file (missing and non-positive values, D = C/(kN), duplicate checkpoints,
/// N changing within a run, C against kND). Issues are then located by row index and column name instead of line and
/// column number; messages are the importers' own, in the library's words.
/// </summary>
internal static partial class DataFrameRunReader
{
    public static ImportResult Read(DataFrame frame, string name, ImportOptions options, CancellationToken ct)
    {
        var session = new ImportSession(name, ImportFormat.DataFrame, options);
        var names = frame.Columns.Select(c => c.Name).ToArray();
        var layout = ColumnLayout.Resolve(names, session, 0, 0);
        if (layout is not null)
        {
            session.UseLayout(layout);
            foreach (var col in layout.Used)
            {
                if (col != layout.Run && frame.Columns[col].DataType == typeof(float))
                    session.Note(0, col + 1, ImportErrorCode.SinglePrecisionColumn, ImportMessages.SinglePrecisionColumn(names[col]), names[col]);
            }

            ReadRows(frame, session, layout, ct);
        }

        var result = session.Finish();
        return result with { Errors = [.. result.Errors.Select(Relocate)], Notes = [.. result.Notes.Select(Relocate)] };
    }

    private static void ReadRows(DataFrame frame, ImportSession session, ColumnLayout layout, CancellationToken ct)
    {
        var fields = new RowFields(layout.Count);
        var columns = frame.Columns;
        long rows = frame.Rows.Count;
        for (long i = 0; i < rows; i++)
        {
            if ((i & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            int line = checked((int)i + 1);
            session.RowRead();
            fields.Clear(line, 0, layout);
            foreach (var col in layout.Used)
            {
                object? value = columns[col][i];
                if (col == layout.Run)
                    SetRun(fields, col, value, line);
                else
                    SetNumber(fields, col, value, line);
            }

            session.CompleteRow(fields);
        }
    }

    private static void SetRun(RowFields fields, int col, object? value, int line)
    {
        string text = value switch
        {
            null => "",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        fields.SetRun(col, text.AsSpan(), line, col + 1);
    }

    private static void SetNumber(RowFields fields, int col, object? value, int line)
    {
        switch (value)
        {
            case null:
                fields.SetEmpty(col, line, col + 1);
                break;
            case string text:
                // Text is read as a file's field is: invariant culture, so "2,5" is an error, never 25.
                fields.SetNumber(col, Encoding.UTF8.GetBytes(text), line, col + 1);
                break;
            case double d:
                fields.SetNumber(col, d, line, col + 1);
                break;
            case float f:
                // Through its shortest text, so 3.05f becomes 3.05 rather than 3.0499999523162842.
                fields.SetNumber(col, double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), line, col + 1);
                break;
            case decimal m:
                fields.SetNumber(col, (double)m, line, col + 1);
                break;
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                fields.SetNumber(col, Convert.ToDouble(value, CultureInfo.InvariantCulture), line, col + 1);
                break;
            default:
                fields.SetNotANumber(col, ImportMessages.NotANumberType(value.GetType().Name), line, col + 1);
                break;
        }
    }

    /// <summary>A file's issue names lines; a DataFrame's names rows by their index (line − 1).</summary>
    private static ImportIssue Relocate(ImportIssue issue) => issue with
    {
        Message = LineReference().Replace(issue.Message,
            m => string.Create(CultureInfo.InvariantCulture, $"row {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1}")),
        RowIndex = issue.Line > 0 ? issue.Line - 1 : null,
    };

    [GeneratedRegex(@"\bline (\d+)")]
    private static partial Regex LineReference();
}
