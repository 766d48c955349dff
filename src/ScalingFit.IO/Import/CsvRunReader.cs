using System.Buffers;
using CsvHelper;

namespace ScalingFit.IO;

/// <summary>
/// Reads CSV with CsvHelper's span API (no per-row strings): BOM, CRLF and RFC 4180 quoting are CsvHelper's; the separator
/// is chosen from the header line (a comma if it has one, else <c>;</c>, else a tab), and Excel's <c>sep=</c> line is honoured.
/// </summary>
internal static class CsvRunReader
{
    private const int SniffLimit = 1 << 20;

    public static void Read(Stream stream, ImportSession session, CancellationToken ct)
    {
        try
        {
            ReadRecords(stream, session, ct);
        }
        catch (CsvFormatException e) when (e.LineNumber > 0)
        {
            session.Fatal((int)e.LineNumber, 0, ImportErrorCode.RecordTooLong, ImportMessages.RecordTooLong(RunImporter.MaxRecordBytes));
        }
    }

    private static void ReadRecords(Stream stream, ImportSession session, CancellationToken ct)
    {
        var sniff = Sniff(stream);
        if (sniff.Empty)
        {
            session.Fatal(0, 0, ImportErrorCode.EmptyFile, ImportMessages.EmptyFile());
            return;
        }

        // No OnMalformedRecord: it switches on CsvHelper's malformed-quote detection, which costs about half the
        // reading time. An unclosed quote runs to the end of the input (Recover), so it is always in the last record,
        // and is found by checking the records that contain a quote at all (see EndsInsideQuotes).
        var options = ReaderOptions(sniff.Separator);

        using var csv = CsvReader.Create(sniff.Input, options, leaveOpen: true);
        var headers = csv.Headers;
        var separator = (byte)csv.Separator;

        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            session.Fatal(0, 0, ImportErrorCode.EmptyFile, ImportMessages.EmptyFile());
            return;
        }

        var hasRecord = csv.Read();
        if (!hasRecord && sniff.HeaderOpenQuote > 0)
        {
            // The header's quote is never closed: the header swallowed the whole file.
            session.Fatal(sniff.HeaderLine, sniff.HeaderOpenQuote, ImportErrorCode.UnterminatedQuote, ImportMessages.UnterminatedQuote());
            return;
        }

        var layout = ColumnLayout.Resolve(headers, session, sniff.HeaderLine, 0);
        if (layout is null)
            return;
        session.UseLayout(layout);
        var fields = new RowFields(layout.Count);
        var blank = SearchValues.Create([(byte)' ', (byte)'\t', (byte)csv.Separator]);
        var used = layout.Used;
        var runColumn = layout.Run;
        var records = 0;
        for (; hasRecord; hasRecord = csv.Read())
        {
            var line = (int)csv.LineNumber;
            if ((++records & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();

            var raw = csv.RawRecord;
            if (raw.Contains((byte)'"') && EndsInsideQuotes(raw, separator, out var openField))
            {
                session.Fatal(line, openField, ImportErrorCode.UnterminatedQuote, ImportMessages.UnterminatedQuote());
                return;
            }

            // Spreadsheets pad a sheet with rows of empty cells (",,,"); they hold no data.
            if (raw.IndexOfAnyExcept(blank) < 0)
                continue;
            session.RowRead();
            var fieldCount = csv.FieldCount;
            if (fieldCount != layout.Count)
            {
                ReportRagged(session, line, layout.Count, fieldCount);
                continue;
            }

            fields.Clear(line, 0, layout);
            foreach (var col in used)
            {
                var span = csv.GetSpan(col);
                if (col == runColumn)
                    fields.SetRun(col, span, line, col + 1);
                else
                    fields.SetNumber(col, span, line, col + 1);
            }

            session.CompleteRow(fields);
        }
    }

    // Not inlined in the loop: a lambda there would allocate its closure for every row.
    private static void ReportRagged(ImportSession session, int line, int expected, int actual) =>
        session.RowProblem(line, Math.Min(actual, expected) + 1, ImportErrorCode.RaggedRow, skip => ImportMessages.RaggedRow(expected, actual, skip));

    /// <summary>
    /// Whether a record ends inside a quoted field (RFC 4180: a quote opens a field only at its start; "" inside is a quote),
    /// and which 1-based field that is.
    /// </summary>
    private static bool EndsInsideQuotes(ReadOnlySpan<byte> raw, byte separator, out int openField)
    {
        var field = 0;
        var opened = 0;
        openField = 0;
        var inQuotes = false;
        var atStart = true;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (inQuotes)
            {
                if (b == (byte)'"')
                {
                    if (i + 1 < raw.Length && raw[i + 1] == (byte)'"')
                        i++;
                    else
                        inQuotes = false;
                }

                continue;
            }

            if (b == separator)
            {
                field++;
                atStart = true;
            }
            else if (b == (byte)'"' && atStart)
            {
                inQuotes = true;
                opened = field + 1;
                atStart = false;
            }
            else if (b is not (byte)' ' and not (byte)'\t')
            {
                atStart = false;
            }
        }

        openField = inQuotes ? opened : 0;
        return inQuotes;
    }

    internal readonly record struct SniffResult(bool Empty, char? Separator, int HeaderLine, int HeaderOpenQuote, Stream Input);

    /// <summary>Reads the start of the input up to the end of the header line, picks the separator, and returns a stream that replays it.</summary>
    /// <summary>
    /// How every CSV import reads (runs and real-log tables alike): line numbers tracked, blank lines skipped, malformed
    /// quotes recovered, ragged rows allowed (missing fields are empty), records capped at <see cref="RunImporter.MaxRecordBytes"/>.
    /// </summary>
    internal static CsvReaderOptions ReaderOptions(char? separator) => CsvReaderOptions.Default with
    {
        Separator = separator,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MaxRecordSize = RunImporter.MaxRecordBytes,
    };

    internal static SniffResult Sniff(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        var eof = false;
        while (true)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
                eof = true;
            length += read;
            var scan = FindHeader(buffer.AsSpan(0, length), eof);
            if (scan.Complete || eof || length >= SniffLimit)
            {
                var input = new PrefixedStream(buffer, length, stream);
                if (scan.HeaderLine == 0)
                    return new SniffResult(true, null, 0, 0, input);
                return new SniffResult(false, scan.Separator, scan.HeaderLine, scan.OpenQuote, input);
            }

            if (length == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private readonly record struct HeaderScan(bool Complete, int HeaderLine, char? Separator, int OpenQuote = 0);

    private static HeaderScan FindHeader(ReadOnlySpan<byte> data, bool eof)
    {
        // UTF-16 and UTF-32 input: leave the separator to CsvHelper's detection, which sees the transcoded text.
        if (data.Length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
            return new HeaderScan(true, 1, null);
        if (data.StartsWith("\uFEFF"u8))
            data = data[3..];
        var line = 1;
        while (true)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0 && !eof)
                return new HeaderScan(false, 0, null);
            var text = (newline < 0 ? data : data[..newline]).TrimEnd("\r"u8);
            if (text.Trim(" \t"u8).IsEmpty)
            {
                if (newline < 0)
                    return new HeaderScan(true, 0, null);
                data = data[(newline + 1)..];
                line++;
                continue;
            }

            // Excel's "sep=;" line: CsvHelper reads it and skips it; the header is on the next line.
            if (text.Length >= 4 && System.Text.Ascii.EqualsIgnoreCase(text[..4], "sep="u8))
                return new HeaderScan(true, line + 1, null);
            var separator = PickSeparator(text);
            EndsInsideQuotes(text, (byte)separator, out var openQuote);
            return new HeaderScan(true, line, separator, openQuote);
        }
    }

    private static char PickSeparator(ReadOnlySpan<byte> header)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var b in header)
        {
            if (b == (byte)'"')
                inQuotes = !inQuotes;
            else if (!inQuotes && b == (byte)',')
                commas++;
            else if (!inQuotes && b == (byte)';')
                semicolons++;
            else if (!inQuotes && b == (byte)'\t')
                tabs++;
        }

        return commas > 0 ? ',' : semicolons > 0 ? ';' : tabs > 0 ? '\t' : ',';
    }
}
