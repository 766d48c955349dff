using System.Globalization;

namespace ScalingFit.IO;

/// <summary>
/// A problem (or note) found while importing, located in the file. Match on <see cref="Code"/>; show <see cref="Message"/>.
/// </summary>
/// <param name="File">The file's path or display name.</param>
/// <param name="Line">
/// The 1-based physical line: a CSV record's first line, a JSONL line, and for a bad element of a JSON array the line
/// where its object starts (the message then gives the value's own line and column when it is on a later line);
/// 0 when the issue concerns the whole file.
/// </param>
/// <param name="Column">
/// The 1-based column: for CSV the field number (1 = first field); for JSON the character (UTF-16) column of the value,
/// or of the object's <c>{</c> when the value is absent or on another line; 0 when the issue concerns a whole line or the file.
/// </param>
/// <param name="Code">What kind of problem it is.</param>
/// <param name="Message">What is wrong and what to do, from <see cref="ImportMessages"/>.</param>
/// <param name="ColumnName">The name of the column (CSV header or JSON key) involved, when there is one.</param>
public sealed record ImportIssue(string File, int Line, int Column, ImportErrorCode Code, string Message, string? ColumnName = null)
{
    /// <summary>
    /// For an issue found in a DataFrame (<see cref="ImportFormat.DataFrame"/>), the 0-based index of the row
    /// (<c>df.Rows[RowIndex]</c>); <see cref="Line"/> is then <c>RowIndex + 1</c>. Null for files, and for issues about the
    /// whole frame.
    /// </summary>
    public int? RowIndex { get; init; }

    /// <summary>
    /// Where the issue is, for people: <c>runs.csv, line 3, column 4 (loss)</c>; in a DataFrame
    /// <c>DataFrame, row 2, column 'loss'</c>.
    /// </summary>
    public string Location
    {
        get
        {
            var text = File;
            if (RowIndex is { } row)
            {
                text += string.Create(CultureInfo.InvariantCulture, $", row {row}");
                return ColumnName is null ? text : text + $", column '{ColumnName}'";
            }

            if (Line > 0)
                text += string.Create(CultureInfo.InvariantCulture, $", line {Line}");
            if (Column > 0)
                text += string.Create(CultureInfo.InvariantCulture, $", column {Column}");
            if (ColumnName is not null)
                text += $" ({ColumnName})";
            return text;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
