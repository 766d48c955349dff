using System.Text;
using System.Text.Json;

namespace ScalingFit.IO;

/// <summary>
/// Reads a JSON array of objects in a sliding byte buffer with a resumable <see cref="Utf8JsonReader"/>, never holding
/// the whole file. Lines and character columns are counted alongside (the reader exposes positions only in its exceptions).
/// A bad element is a bad row; invalid JSON ends the import, since nothing after it can be read reliably.
/// </summary>
internal static class JsonArrayRunReader
{
    public static void Read(Stream stream, ImportSession session, CancellationToken ct)
    {
        var machine = new Machine(session, ct);
        var buffer = new byte[64 * 1024];
        var length = 0;
        var eof = false;
        var first = true;
        var state = new JsonReaderState(machine.Assembler.ReaderOptions);
        while (true)
        {
            while (!eof && length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                    eof = true;
                length += read;
            }

            if (first)
            {
                first = false;
                if (buffer.AsSpan(0, length).StartsWith("\uFEFF"u8))
                {
                    Buffer.BlockCopy(buffer, 3, buffer, 0, length - 3);
                    length -= 3;
                }

                if (eof && buffer.AsSpan(0, length).Trim(" \t\r\n"u8).IsEmpty)
                {
                    session.Fatal(0, 0, ImportErrorCode.EmptyFile, ImportMessages.NoJsonObjects());
                    return;
                }
            }

            var data = buffer.AsSpan(0, length);
            var startState = state;
            var reader = new Utf8JsonReader(data, eof, state);
            try
            {
                while (reader.Read())
                {
                    if (!machine.Step(ref reader, data))
                        return;
                }
            }
            catch (JsonException exception)
            {
                machine.Fail(exception, data, eof, startState);
                return;
            }
            catch (JsonTextException exception)
            {
                var (line, column) = machine.Positions.At(data, (int)exception.ByteIndex);
                session.Fatal(line, column, ImportErrorCode.InvalidJson, ImportMessages.InvalidJsonArray(exception.Message));
                return;
            }

            if (eof)
                break;
            var consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
            machine.Positions.Shift(data, consumed);
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            if (length == buffer.Length)
            {
                if (buffer.Length >= RunImporter.MaxRecordBytes)
                {
                    session.Fatal(machine.Positions.Line, machine.Positions.ColumnChars + 1, ImportErrorCode.RecordTooLong,
                        ImportMessages.RecordTooLong(RunImporter.MaxRecordBytes));
                    return;
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

        }

        if (machine.Stage == Stage.BeforeArray)
            session.Fatal(0, 0, ImportErrorCode.EmptyFile, ImportMessages.NoJsonObjects());
        else if (machine.Stage != Stage.Done)
            session.Fatal(machine.Positions.Line, machine.Positions.ColumnChars + 1, ImportErrorCode.TruncatedJson, ImportMessages.TruncatedJsonArray());
    }

    private enum Stage
    {
        BeforeArray,
        InArray,
        InObject,
        Done,
    }

    private sealed class Machine(ImportSession session, CancellationToken ct)
    {
        private int skipDepth = -1;
        private int objects;

        public JsonRowAssembler Assembler { get; } = new(session);

        public Positions Positions { get; } = new();

        public Stage Stage { get; private set; } = Stage.BeforeArray;

        /// <summary>Handles one token; false when the import must stop.</summary>
        public bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            var type = reader.TokenType;
            if (skipDepth >= 0)
            {
                if (type is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == skipDepth)
                    skipDepth = -1;
                return true;
            }

            return Stage switch
            {
                Stage.BeforeArray => StartArray(ref reader, data),
                Stage.InArray => Element(ref reader, data),
                Stage.InObject => ObjectToken(ref reader, data),
                _ => true,
            };
        }

        private bool StartArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                Stage = Stage.InArray;
                return true;
            }

            var (line, column) = Positions.At(data, (int)reader.TokenStartIndex);
            session.Fatal(line, column, ImportErrorCode.InvalidJson, ImportMessages.NotAnArray(JsonRowAssembler.Describe(reader.TokenType)));
            return false;
        }

        private bool Element(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            var type = reader.TokenType;
            if (type == JsonTokenType.EndArray)
            {
                Stage = Stage.Done;
                return true;
            }

            session.RowRead();
            var (line, column) = Positions.At(data, (int)reader.TokenStartIndex);
            if (type == JsonTokenType.StartObject)
            {
                if ((++objects & 0xFFF) == 0)
                    ct.ThrowIfCancellationRequested();
                Assembler.BeginObject(line, column);
                Stage = Stage.InObject;
                return true;
            }

            ReportNotAnObject(line, column, type);
            if (type == JsonTokenType.StartArray)
                skipDepth = reader.CurrentDepth;
            return true;
        }

        // Separate so that the lambda's closure is allocated only for a bad element.
        private void ReportNotAnObject(int line, int column, JsonTokenType type)
        {
            var found = JsonRowAssembler.Describe(type);
            session.RowProblem(line, column, ImportErrorCode.NotAnObject, skip => ImportMessages.NotAnObject(found, skip));
        }

        private bool ObjectToken(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            var type = reader.TokenType;
            if (type == JsonTokenType.PropertyName)
            {
                Assembler.PropertyName(ref reader);
                return true;
            }

            if (type == JsonTokenType.EndObject)
            {
                Assembler.EndObject();
                Stage = Stage.InArray;
                return !session.HasFatal;
            }

            var (line, column) = Positions.At(data, (int)reader.TokenStartIndex);
            Assembler.Value(ref reader, line, column);
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                skipDepth = reader.CurrentDepth;
            return true;
        }

        /// <summary>Reports invalid JSON: a NaN/Infinity literal, a file cut short, or anything else.</summary>
        public void Fail(JsonException exception, ReadOnlySpan<byte> data, bool eof, JsonReaderState startState)
        {
            var index = Positions.Locate(data, (int)(exception.LineNumber ?? 0) + 1, (int)(exception.BytePositionInLine ?? 0));
            if (JsonRowAssembler.IsNonFiniteLiteral(data, index, out var start, out var literal))
            {
                var (line, column) = Positions.At(data, start);
                session.Fatal(line, column, ImportErrorCode.NonFinite, ImportMessages.NonFiniteJsonLiteral(literal), Assembler.CurrentKeyName);
                return;
            }

            var (errorLine, errorColumn) = Positions.At(data, index);
            if (eof && IsTruncated(data, startState))
                session.Fatal(errorLine, errorColumn, ImportErrorCode.TruncatedJson, ImportMessages.TruncatedJsonArray());
            else
                session.Fatal(errorLine, errorColumn, ImportErrorCode.InvalidJson, ImportMessages.InvalidJsonArray(JsonRowAssembler.Detail(exception)));
        }

        private static bool IsTruncated(ReadOnlySpan<byte> data, JsonReaderState startState)
        {
            // Told that more may follow, the reader fails only on text that could never be valid.
            var reader = new Utf8JsonReader(data, isFinalBlock: false, startState);
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
    }

    /// <summary>Counts lines and UTF-16 columns up to a byte index of the current buffer, incrementally.</summary>
    private sealed class Positions
    {
        private long bufferStart;
        private long lineStart;
        private int scanned;

        public int Line { get; private set; } = 1;

        public int ColumnChars { get; private set; }

        public (int Line, int Column) At(ReadOnlySpan<byte> data, int index)
        {
            AdvanceTo(data, index);
            return (Line, ColumnChars + 1);
        }

        /// <summary>The buffer index of a (1-based line, 0-based byte in line) position reported by the reader.</summary>
        public int Locate(ReadOnlySpan<byte> data, int line, int byteInLine)
        {
            while (Line < line)
            {
                var newline = data[scanned..].IndexOf((byte)'\n');
                if (newline < 0)
                    break;
                AdvanceTo(data, scanned + newline + 1);
            }

            var index = lineStart + byteInLine - bufferStart;
            return (int)Math.Clamp(index, scanned, data.Length);
        }

        /// <summary>The first <paramref name="consumed"/> bytes leave the buffer.</summary>
        public void Shift(ReadOnlySpan<byte> data, int consumed)
        {
            AdvanceTo(data, consumed);
            scanned -= consumed;
            bufferStart += consumed;
        }

        private void AdvanceTo(ReadOnlySpan<byte> data, int index)
        {
            if (index <= scanned)
                return;
            var segment = data[scanned..index];
            var offset = scanned;
            while (true)
            {
                var newline = segment.IndexOf((byte)'\n');
                if (newline < 0)
                    break;
                Line++;
                ColumnChars = 0;
                offset += newline + 1;
                lineStart = bufferStart + offset;
                segment = segment[(newline + 1)..];
            }

            // Segments start and end at token boundaries or line starts, never inside a UTF-8 sequence.
            ColumnChars += Encoding.UTF8.GetCharCount(segment);
            scanned = index;
        }
    }
}
