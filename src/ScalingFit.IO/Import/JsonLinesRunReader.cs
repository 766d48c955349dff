using System.Text;
using System.Text.Json;

namespace ScalingFit.IO;

/// <summary>
/// Reads JSON Lines: the stream is cut into lines in a reusable byte buffer and each line is parsed with a
/// <see cref="Utf8JsonReader"/>. A bad line is a bad row (it can be skipped); blank lines are ignored.
/// </summary>
internal static class JsonLinesRunReader
{
    public static void Read(Stream stream, ImportSession session, CancellationToken ct)
    {
        var assembler = new JsonRowAssembler(session);
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0, lineNumber = 0;
        var eof = false;
        var first = true;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            int lineStart, lineLength;
            if (newline >= 0)
            {
                lineStart = start;
                lineLength = newline;
                start += newline + 1;
            }
            else if (!eof)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= RunImporter.MaxRecordBytes)
                    {
                        session.Fatal(lineNumber + 1, 0, ImportErrorCode.RecordTooLong, ImportMessages.RecordTooLong(RunImporter.MaxRecordBytes));
                        return;
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                    eof = true;
                end += read;
                continue;
            }
            else if (start < end)
            {
                lineStart = start;
                lineLength = end - start;
                start = end;
            }
            else
            {
                break;
            }

            lineNumber++;
            var line = buffer.AsSpan(lineStart, lineLength);
            if (first)
            {
                first = false;
                if (line.StartsWith("\uFEFF"u8))
                    line = line[3..];
            }

            ReadLine(line, lineNumber, assembler, session);
            if (session.HasFatal)
                return;
            if ((lineNumber & 0xFFF) == 0)
                ct.ThrowIfCancellationRequested();
        }
    }

    private static void ReadLine(ReadOnlySpan<byte> line, int lineNumber, JsonRowAssembler assembler, ImportSession session)
    {
        var content = line.TrimEnd(" \t\r"u8);
        if (content.Trim(" \t"u8).IsEmpty)
            return;
        var ascii = Ascii.IsValid(content);
        var reader = new Utf8JsonReader(content, assembler.ReaderOptions);
        var counted = false;
        try
        {
            if (!reader.Read())
                return;
            session.RowRead();
            counted = true;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var found = JsonRowAssembler.Describe(reader.TokenType);
                session.RowProblem(lineNumber, Column(content, (int)reader.TokenStartIndex, ascii), ImportErrorCode.NotAnObject,
                    skip => ImportMessages.NotAnObject(found, skip));
                return;
            }

            assembler.BeginObject(lineNumber, Column(content, (int)reader.TokenStartIndex, ascii));
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        assembler.PropertyName(ref reader);
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 0:
                        // A second value on the line makes the reader throw (caught below as invalid JSON).
                        if (reader.Read())
                        {
                            session.RowProblem(lineNumber, Column(content, (int)reader.TokenStartIndex, ascii), ImportErrorCode.InvalidJson,
                                skip => ImportMessages.InvalidJsonLine("more than one value on the line", skip));
                            return;
                        }

                        assembler.EndObject();
                        return;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        assembler.Value(ref reader, lineNumber, Column(content, (int)reader.TokenStartIndex, ascii));
                        reader.Skip();
                        break;
                    default:
                        assembler.Value(ref reader, lineNumber, Column(content, (int)reader.TokenStartIndex, ascii));
                        break;
                }
            }
        }
        catch (JsonTextException exception)
        {
            if (!counted)
                session.RowRead();
            session.RowProblem(lineNumber, Column(content, (int)exception.ByteIndex, ascii), ImportErrorCode.InvalidJson,
                skip => ImportMessages.InvalidJsonLine(exception.Message, skip));
        }
        catch (JsonException exception)
        {
            if (!counted)
                session.RowRead();
            var position = (int)(exception.BytePositionInLine ?? 0);
            if (JsonRowAssembler.IsNonFiniteLiteral(content, position, out var literalStart, out var literal))
            {
                var key = assembler.CurrentKeyName;
                session.RowProblem(lineNumber, Column(content, literalStart, ascii), ImportErrorCode.NonFinite,
                    skip => ImportMessages.NonFinite(key, literal, skip), key);
            }
            else if (IsTruncated(content, assembler.ReaderOptions))
            {
                session.RowProblem(lineNumber, Column(content, position, ascii), ImportErrorCode.TruncatedJson,
                    ImportMessages.TruncatedJsonLine);
            }
            else
            {
                var detail = JsonRowAssembler.Detail(exception);
                session.RowProblem(lineNumber, Column(content, position, ascii), ImportErrorCode.InvalidJson,
                    skip => ImportMessages.InvalidJsonLine(detail, skip));
            }
        }
    }

    /// <summary>Whether the text is the start of valid JSON that stops too soon: a reader told more may follow does not fail.</summary>
    private static bool IsTruncated(ReadOnlySpan<byte> content, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(content, isFinalBlock: false, new JsonReaderState(options));
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int Column(ReadOnlySpan<byte> line, int byteIndex, bool ascii)
    {
        byteIndex = Math.Clamp(byteIndex, 0, line.Length);
        return (ascii ? byteIndex : Encoding.UTF8.GetCharCount(line[..byteIndex])) + 1;
    }
}
