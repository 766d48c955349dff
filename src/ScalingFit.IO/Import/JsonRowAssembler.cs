using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ScalingFit.IO;

/// <summary>
/// Turns the tokens of one JSON object into a row, for both JSON formats. The first object's keys play the part of a
/// CSV header: they decide the columns (keys that only later objects have are ignored). The first object's values are
/// kept until its keys are known; later objects are parsed as their tokens arrive.
/// </summary>
internal sealed class JsonRowAssembler(ImportSession session)
{
    private readonly List<string> firstKeys = [];
    private readonly List<(int Key, JsonTokenType Type, byte[] Value, int Line, int Column)> firstValues = [];
    private ColumnLayout? layout;
    private RowFields? fields;
    private byte[][] keys = [];
    private byte[] scratch = new byte[256];
    private int hint;
    private int currentKey = -1;
    private int objectLine;
    private int objectColumn;
    private bool recording;

    public JsonReaderOptions ReaderOptions { get; } = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The name of the key whose value is being read, for messages.</summary>
    public string CurrentKeyName =>
        currentKey < 0 ? "?" : recording || layout is null ? firstKeys[currentKey] : layout.NameOf(currentKey);

    public void BeginObject(int line, int column)
    {
        objectLine = line;
        objectColumn = column;
        currentKey = -1;
        if (layout is null)
        {
            recording = true;
            firstKeys.Clear();
            firstValues.Clear();
        }
        else
        {
            fields!.Clear(line, column, layout);
        }
    }

    public void PropertyName(ref Utf8JsonReader reader)
    {
        if (recording)
        {
            var name = Decode(ref reader);
            currentKey = firstKeys.IndexOf(name);
            if (currentKey < 0)
            {
                firstKeys.Add(name);
                currentKey = firstKeys.Count - 1;
            }

            return;
        }

        currentKey = FindKey(ref reader);
    }

    /// <summary>A value (a scalar, or the start of an object or array, which the caller then skips).</summary>
    public void Value(ref Utf8JsonReader reader, int line, int column)
    {
        if (currentKey < 0)
            return;
        if (recording)
        {
            firstValues.Add((currentKey, reader.TokenType, ValueBytes(ref reader).ToArray(), line, column));
            return;
        }

        if (layout!.IsUsed[currentKey])
            Apply(currentKey, reader.TokenType, ValueBytes(ref reader), line, column);
    }

    /// <summary>The end of the object: resolves the columns after the first object, then hands the row to the session.</summary>
    public void EndObject()
    {
        if (recording)
        {
            recording = false;
            layout = ColumnLayout.Resolve(firstKeys.ToArray(), session, objectLine, objectColumn);
            if (layout is null)
                return;
            session.UseLayout(layout);
            keys = firstKeys.Select(Encoding.UTF8.GetBytes).ToArray();
            fields = new RowFields(layout.Count);
            fields.Clear(objectLine, objectColumn, layout);
            foreach (var (key, type, value, line, column) in firstValues)
            {
                if (layout.IsUsed[key])
                    Apply(key, type, value, line, column);
            }

            firstValues.Clear();
        }

        session.CompleteRow(fields!);
    }

    private int FindKey(ref Utf8JsonReader reader)
    {
        // Objects usually repeat the first object's key order: try the key after the previous one first.
        for (var k = 0; k < keys.Length; k++)
        {
            var i = hint + k;
            if (i >= keys.Length)
                i -= keys.Length;
            if (ValueTextEquals(ref reader, keys[i]))
            {
                hint = i + 1 == keys.Length ? 0 : i + 1;
                return i;
            }
        }

        return -1;
    }

    // Utf8JsonReader checks a string's UTF-8 and escapes only when it is decoded, and then throws InvalidOperationException.
    private static string Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new JsonTextException(reader.TokenStartIndex);
        }
    }

    private static bool ValueTextEquals(ref Utf8JsonReader reader, byte[] key)
    {
        try
        {
            return reader.ValueTextEquals(key);
        }
        catch (InvalidOperationException)
        {
            throw new JsonTextException(reader.TokenStartIndex);
        }
    }

    private ReadOnlySpan<byte> ValueBytes(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped && !reader.HasValueSequence)
                    return reader.ValueSpan;
                var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (scratch.Length < length)
                    scratch = new byte[Math.Max(length, scratch.Length * 2)];
                int written;
                try
                {
                    written = reader.CopyString(scratch);
                }
                catch (InvalidOperationException)
                {
                    throw new JsonTextException(reader.TokenStartIndex);
                }

                return scratch.AsSpan(0, written);
            default:
                return [];
        }
    }

    private void Apply(int key, JsonTokenType type, ReadOnlySpan<byte> value, int line, int column)
    {
        var f = fields!;
        if (key == layout!.Run)
        {
            switch (type)
            {
                case JsonTokenType.String or JsonTokenType.Number:
                    f.SetRun(key, value, line, column);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    f.SetRun(key, type == JsonTokenType.True ? "true" : "false", line, column);
                    break;
                default:
                    f.SetEmpty(key, line, column);
                    break;
            }

            return;
        }

        switch (type)
        {
            case JsonTokenType.Number or JsonTokenType.String:
                f.SetNumber(key, value, line, column);
                break;
            case JsonTokenType.Null:
                f.SetEmpty(key, line, column);
                break;
            default:
                f.SetNotANumber(key, Describe(type), line, column);
                break;
        }
    }

    /// <summary>A token kind for messages: <c>an array</c>, <c>true</c>, <c>a string</c>.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    /// <summary>A reader's message without its own position suffix (the issue carries line and column).</summary>
    public static string Detail(JsonException exception)
    {
        var message = exception.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).TrimEnd('.', ' ');
    }

    /// <summary>NaN, Infinity or -Infinity at <paramref name="index"/> (where the reader failed), which JSON does not allow.</summary>
    public static bool IsNonFiniteLiteral(ReadOnlySpan<byte> data, int index, out int start, out string literal)
    {
        start = index;
        literal = string.Empty;
        if (index < 0 || index >= data.Length)
            return false;
        var rest = data[index..];
        if (rest.StartsWith("NaN"u8))
        {
            literal = "NaN";
            return true;
        }

        if (rest.StartsWith("Infinity"u8))
        {
            var negative = index > 0 && data[index - 1] == (byte)'-';
            start = negative ? index - 1 : index;
            literal = negative ? "-Infinity" : "Infinity";
            return true;
        }

        return false;
    }
}

/// <summary>
/// A JSON string that tokenises but cannot be decoded (invalid UTF-8, or an unpaired surrogate escape such as
/// <c>\ud800</c>); the readers report it as <see cref="ImportErrorCode.InvalidJson"/> at <see cref="ByteIndex"/>.
/// </summary>
internal sealed class JsonTextException(long byteIndex) : Exception(ImportMessages.InvalidJsonText())
{
    /// <summary>Where the string's token starts, in the reader's input.</summary>
    public long ByteIndex { get; } = byteIndex;
}
