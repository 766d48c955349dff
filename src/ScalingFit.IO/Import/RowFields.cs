using System.Text;

namespace ScalingFit.IO;

/// <summary>
/// The used fields of the current row, parsed, with where each was (for messages). Reused from row to row so that
/// reading allocates nothing per row unless a value is bad.
/// </summary>
internal sealed class RowFields
{
    public RowFields(int columnCount)
    {
        Status = new FieldStatus[columnCount];
        Value = new double[columnCount];
        Present = new bool[columnCount];
        Line = new int[columnCount];
        Column = new int[columnCount];
        Text = new string?[columnCount];
    }

    public FieldStatus[] Status { get; }

    public double[] Value { get; }

    public bool[] Present { get; }

    public int[] Line { get; }

    public int[] Column { get; }

    /// <summary>The field's text, kept only when it is bad (for the message).</summary>
    public string?[] Text { get; }

    public char[] RunChars { get; private set; } = new char[128];

    public int RunLength { get; private set; }

    /// <summary>Where the row starts (for issues about the whole row and for absent JSON keys).</summary>
    public int RowLine { get; set; }

    /// <summary>Where the row starts (0 for CSV, the object's column for JSON).</summary>
    public int RowColumn { get; set; }

    public ReadOnlySpan<char> RunId => RunChars.AsSpan(0, RunLength).Trim();

    public void Clear(int line, int column, ColumnLayout layout)
    {
        RowLine = line;
        RowColumn = column;
        foreach (var i in layout.Used)
        {
            Present[i] = false;
            Text[i] = null;
            Line[i] = line;
            Column[i] = column;
        }

        RunLength = 0;
    }

    public void SetNumber(int column, ReadOnlySpan<byte> utf8, int line, int position)
    {
        var status = NumberText.Parse(utf8, out var value);
        Status[column] = status;
        Value[column] = value;
        Present[column] = status != FieldStatus.Empty;
        Line[column] = line;
        Column[column] = position;
        if (status is not FieldStatus.Ok and not FieldStatus.Empty)
            Text[column] = Encoding.UTF8.GetString(utf8).Trim();
    }

    /// <summary>A value already held as a number (a DataFrame cell): classified as the parsed text would be.</summary>
    public void SetNumber(int column, double value, int line, int position)
    {
        var status = NumberText.Classify(value);
        Status[column] = status;
        Value[column] = value;
        Present[column] = true;
        Line[column] = line;
        Column[column] = position;
        if (status != FieldStatus.Ok)
            Text[column] = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A value of the wrong kind (a JSON boolean, object or array): not a number.</summary>
    public void SetNotANumber(int column, string description, int line, int position)
    {
        Status[column] = FieldStatus.Unparsable;
        Present[column] = true;
        Text[column] = description;
        Line[column] = line;
        Column[column] = position;
    }

    /// <summary>An explicitly empty value (a JSON null).</summary>
    public void SetEmpty(int column, int line, int position)
    {
        Status[column] = FieldStatus.Empty;
        Present[column] = false;
        Line[column] = line;
        Column[column] = position;
    }

    public void SetRun(int column, ReadOnlySpan<byte> utf8, int line, int position)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (needed > RunChars.Length)
            RunChars = new char[Math.Max(needed, RunChars.Length * 2)];
        RunLength = Encoding.UTF8.GetChars(utf8, RunChars);
        Present[column] = true;
        Line[column] = line;
        Column[column] = position;
    }

    public void SetRun(int column, ReadOnlySpan<char> text, int line, int position)
    {
        if (text.Length > RunChars.Length)
            RunChars = new char[Math.Max(text.Length, RunChars.Length * 2)];
        text.CopyTo(RunChars);
        RunLength = text.Length;
        Present[column] = true;
        Line[column] = line;
        Column[column] = position;
    }

    public bool IsOk(int column) => column >= 0 && Present[column] && Status[column] == FieldStatus.Ok;
}
