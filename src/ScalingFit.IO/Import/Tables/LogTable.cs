using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace ScalingFit.IO;

/// <summary>
/// A whole file as a table of text cells, for the operations that need every column and every row (selection, grouping,
/// run keys, budget patterns, paths into nested JSON). JSON objects are flattened: a nested field is the column
/// <c>hyperparameters.params</c>, an array element <c>results[1].loss</c>; keys with <c>/</c> or <c>.</c> stay as they are.
/// Columns are the union over all rows, in order of first appearance.
/// </summary>
internal sealed class LogTable
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> columns = [];
    private bool skip;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>Rows: the cells (null when absent; shorter than <see cref="Columns"/> when later columns are absent) and the row's line.</summary>
    public List<(string?[] Cells, int Line)> Rows { get; } = [];

    /// <summary>The header's line (CSV), or the first object's line (JSON).</summary>
    public int HeaderLine { get; private set; } = 1;

    /// <summary>Lines left out under <see cref="ImportOptions.SkipBadRows"/> (JSON Lines that are not valid JSON objects).</summary>
    public List<(int Line, int Column, ImportErrorCode Code, string Message)> Skipped { get; } = [];

    /// <summary>A problem that stopped reading, with its location.</summary>
    public (int Line, int Column, ImportErrorCode Code, string Message)? Error { get; private set; }

    public int ColumnIndex(string name)
    {
        if (!index.TryGetValue(name, out var i))
        {
            i = columns.Count;
            columns.Add(name);
            index.Add(name, i);
        }

        return i;
    }

    public int AddColumn(string name)
    {
        var unique = name;
        for (var k = 2; index.ContainsKey(unique); k++)
            unique = $"{name} {k}";
        return ColumnIndex(unique);
    }

    public static string? Cell(string?[] cells, int column) => column >= 0 && column < cells.Length ? cells[column] : null;

    public static LogTable Read(Stream stream, ImportFormat format, bool skipBadRows, CancellationToken ct)
    {
        var table = new LogTable { skip = skipBadRows };
        switch (format)
        {
            case ImportFormat.Csv:
                table.ReadCsv(stream, ct);
                break;
            case ImportFormat.JsonLines:
                table.ReadJsonLines(stream, ct);
                break;
            default:
                table.ReadJsonArray(stream, ct);
                break;
        }

        return table;
    }

    private void ReadCsv(Stream stream, CancellationToken ct)
    {
        var sniff = CsvRunReader.Sniff(stream);
        if (sniff.Empty)
        {
            Error = (0, 0, ImportErrorCode.EmptyFile, ImportMessages.EmptyFile());
            return;
        }

        var options = CsvRunReader.ReaderOptions(sniff.Separator);
        using var csv = CsvReader.Create(sniff.Input, options, leaveOpen: true);
        HeaderLine = sniff.HeaderLine;
        foreach (var header in csv.Headers)
            AddColumn(header.Trim().TrimStart('\uFEFF'));
        var count = 0;
        while (csv.Read())
        {
            if ((++count & 0xFFF) == 0)
                ct.ThrowIfCancellationRequested();
            var cells = new string?[Math.Max(csv.FieldCount, 0)];
            var empty = true;
            for (var i = 0; i < cells.Length; i++)
            {
                var text = Encoding.UTF8.GetString(csv.GetSpan(i)).Trim();
                cells[i] = text;
                empty &= text.Length == 0;
            }

            if (!empty)
                Rows.Add((cells, (int)csv.LineNumber));
        }
    }

    private void ReadJsonLines(Stream stream, CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if ((line & 0xFFF) == 0)
                ct.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(text))
                continue;
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (skip && document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Skipped.Add((line, 1, ImportErrorCode.NotAnObject, ImportMessages.NotAnObject(document.RootElement.ValueKind.ToString().ToLowerInvariant(), skipped: true)));
                    continue;
                }

                if (!AddObject(document.RootElement, line))
                    return;
            }
            catch (JsonException e)
            {
                var position = (int)(e.BytePositionInLine ?? 0) + 1;
                if (skip)
                {
                    Skipped.Add((line, position, ImportErrorCode.InvalidJson, ImportMessages.InvalidJsonLine(e.Message, skipped: true)));
                    continue;
                }

                Error = (line, position, ImportErrorCode.InvalidJson, ImportMessages.InvalidJsonLine(e.Message, skipped: false));
                return;
            }
        }
    }

    private void ReadJsonArray(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
                lineStarts.Add(i + 1);
        }

        int LineOf(long offset)
        {
            var found = lineStarts.BinarySearch((int)offset);
            return (found >= 0 ? found : ~found - 1) + 1;
        }

        try
        {
            if (!reader.Read())
            {
                Error = (0, 0, ImportErrorCode.EmptyFile, ImportMessages.NoJsonObjects());
                return;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Error = (LineOf(reader.TokenStartIndex), 1, ImportErrorCode.InvalidJson, ImportMessages.NotAnArray(reader.TokenType.ToString()));
                return;
            }

            var count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if ((++count & 0xFFF) == 0)
                    ct.ThrowIfCancellationRequested();
                var line = LineOf(reader.TokenStartIndex);
                using var document = JsonDocument.ParseValue(ref reader);
                if (!AddObject(document.RootElement, line))
                    return;
            }
        }
        catch (JsonException e)
        {
            Error = ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, ImportErrorCode.InvalidJson, ImportMessages.InvalidJsonArray(e.Message));
        }
    }

    private bool AddObject(JsonElement element, int line)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error = (line, 1, ImportErrorCode.NotAnObject, ImportMessages.NotAnObject(element.ValueKind.ToString().ToLowerInvariant(), skipped: false));
            return false;
        }

        if (Rows.Count == 0)
            HeaderLine = line;
        var cells = new List<(int Column, string? Value)>();
        Flatten(element, null, cells);
        var row = new string?[columns.Count];
        foreach (var (column, value) in cells)
            row[column] = value;
        Rows.Add((row, line));
        return true;
    }

    private void Flatten(JsonElement element, string? path, List<(int, string?)> cells)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Flatten(property.Value, path is null ? property.Name : $"{path}.{property.Name}", cells);
                if (path is not null && !element.EnumerateObject().Any())
                    cells.Add((ColumnIndex(path), null));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Flatten(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]"), cells);
                break;
            case JsonValueKind.String:
                cells.Add((ColumnIndex(path ?? "value"), element.GetString()));
                break;
            case JsonValueKind.Number:
                cells.Add((ColumnIndex(path ?? "value"), element.GetRawText()));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                cells.Add((ColumnIndex(path ?? "value"), element.ValueKind == JsonValueKind.True ? "true" : "false"));
                break;
            default:
                cells.Add((ColumnIndex(path ?? "value"), null));
                break;
        }
    }
}
