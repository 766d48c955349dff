using CsvHelper;

namespace ScalingFit.IO;

/// <summary>
/// Reads runs and training curves from <c>.csv</c>, <c>.jsonl</c> and <c>.json</c> files (cli-contract.md, "Formats").
/// </summary>
/// <remarks>
/// <para>Columns are found by their common names (<see cref="ColumnKeys.Aliases"/>) or named with
/// <see cref="ImportOptions.ColumnOverrides"/>. N and the loss are required, and D or C: a missing D is C / (kN), a missing
/// C is kND (<see cref="ImportOptions.FlopRule"/>). Rows sharing a run id form a <see cref="Core.TrainingCurve"/>
/// (sorted by tokens) whose last point is the run's final loss; without a run column every row is a run of its own
/// (id <c>row{line}</c>).</para>
/// <para>Bad input never throws: every problem becomes an <see cref="ImportIssue"/> with file, line, column and a stable
/// <see cref="ImportErrorCode"/>. By default all bad rows are listed and the import fails; with
/// <see cref="ImportOptions.SkipBadRows"/> they are left out and listed as notes. Only cancellation throws
/// (<see cref="OperationCanceledException"/>).</para>
/// <para>Files are streamed: memory grows with the numbers kept (about 20 bytes per curve point), not with the file's
/// size. Each run id is stored once; rows are parsed from UTF-8 bytes without per-row strings.</para>
/// </remarks>
public static class RunImporter
{
    /// <summary>
    /// The longest CSV record, JSONL line or JSON token read (16 MiB): beyond it the import stops with
    /// <see cref="ImportErrorCode.RecordTooLong"/> instead of buffering the rest of a broken file.
    /// </summary>
    public const int MaxRecordBytes = 16 * 1024 * 1024;

    /// <summary>Imports a file, choosing the format by its extension (<see cref="TryGetFormat"/>).</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">How to read it; <see cref="ImportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops a long import (checked every few thousand rows).</param>
    /// <returns>The runs and the issues found; check <see cref="ImportResult.Succeeded"/>.</returns>
    public static ImportResult Import(string path, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ImportOptions.Default;
        if (!TryGetFormat(path, out var format))
        {
            return FailedBeforeReading(path, null, options, ImportErrorCode.UnsupportedFormat,
                ImportMessages.UnsupportedFormat(Path.GetExtension(path)));
        }

        FileStream stream;
        try
        {
            if (Directory.Exists(path))
                return FailedBeforeReading(path, format, options, ImportErrorCode.Unreadable, ImportMessages.Unreadable($"'{path}' is a folder."));
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return FailedBeforeReading(path, format, options, ImportErrorCode.FileNotFound, ImportMessages.FileNotFound(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return FailedBeforeReading(path, format, options, ImportErrorCode.Unreadable, ImportMessages.Unreadable(e.Message));
        }

        ImportResult result;
        using (stream)
            result = Import(stream, format, path, options, cancellationToken);

        // Nested JSON read without column paths: flatten it and look again (hyperparameters.params, results[1].loss).
        if (format != ImportFormat.Csv && !options.NeedsTable(format)
            && result.Errors.Any(e => e.Code == ImportErrorCode.MissingColumn))
        {
            try
            {
                using var again = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                var flat = TableImport.Import(again, format, path, options, cancellationToken);
                if (flat.Succeeded || flat.Errors.Any(e => e.Code == ImportErrorCode.ColumnChoiceNeeded))
                    return flat;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return result;
    }

    /// <summary>Imports from a stream of UTF-8 text (a UTF-8 byte order mark is skipped; CSV also accepts UTF-16 with a BOM).</summary>
    /// <param name="stream">The data; read to the end, not closed.</param>
    /// <param name="format">How to parse it.</param>
    /// <param name="displayName">The name issues give as <see cref="ImportIssue.File"/>.</param>
    /// <param name="options">How to read it; <see cref="ImportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops a long import.</param>
    public static ImportResult Import(Stream stream, ImportFormat format, string displayName, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        cancellationToken.ThrowIfCancellationRequested();
        options ??= ImportOptions.Default;
        if (options.NeedsTable(format))
        {
            try
            {
                return TableImport.Import(stream, format, displayName, options, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
            {
                var failed = new ImportSession(displayName, format, options);
                failed.Fatal(0, 0, ImportErrorCode.Unreadable, ImportMessages.Unreadable(e.Message));
                return failed.Finish();
            }
        }

        var session = new ImportSession(displayName, format, options);
        try
        {
            switch (format)
            {
                case ImportFormat.Csv:
                    CsvRunReader.Read(stream, session, cancellationToken);
                    break;
                case ImportFormat.JsonLines:
                    JsonLinesRunReader.Read(stream, session, cancellationToken);
                    break;
                case ImportFormat.JsonArray:
                    JsonArrayRunReader.Read(stream, session, cancellationToken);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, null);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            session.Fatal(0, 0, ImportErrorCode.Unreadable, ImportMessages.Unreadable(e.Message));
        }

        return session.Finish();
    }

    /// <summary>Imports from text (tests, pasted data): the text is parsed as it would be from a UTF-8 file.</summary>
    /// <param name="reader">The text; read to the end, not closed.</param>
    /// <param name="format">How to parse it.</param>
    /// <param name="displayName">The name issues give as <see cref="ImportIssue.File"/>.</param>
    /// <param name="options">How to read it; <see cref="ImportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops a long import.</param>
    public static ImportResult Import(TextReader reader, ImportFormat format, string displayName, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Import(new TextReaderStream(reader), format, displayName, options, cancellationToken);
    }

    /// <summary>The format for a file name: <c>.csv</c> (and <c>.tsv</c>), <c>.jsonl</c> (and <c>.ndjson</c>), <c>.json</c>; any case.</summary>
    /// <param name="path">A file name or path.</param>
    /// <param name="format">The format, when the extension is known.</param>
    public static bool TryGetFormat(string path, out ImportFormat format)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        (var known, format) = extension switch
        {
            ".csv" or ".tsv" => (true, ImportFormat.Csv),
            ".jsonl" or ".ndjson" => (true, ImportFormat.JsonLines),
            ".json" => (true, ImportFormat.JsonArray),
            _ => (false, ImportFormat.Csv),
        };
        return known;
    }

    private static ImportResult FailedBeforeReading(string path, ImportFormat? format, ImportOptions options, ImportErrorCode code, string message)
    {
        var session = new ImportSession(path, format ?? ImportFormat.Csv, options);
        session.Fatal(0, 0, code, message);
        return session.Finish() with { Format = format };
    }
}
