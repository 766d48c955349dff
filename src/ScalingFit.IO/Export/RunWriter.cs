using System.Text.Json;
using CsvHelper;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Writes a <see cref="RunSet"/> in the formats <see cref="RunImporter"/> reads, with the columns
/// <c>run,params,tokens,flops,loss</c> (and <c>budget</c> when a run has a FLOP budget). A run with a curve is written
/// as one row per checkpoint (C = kND for each, except the last, which keeps the run's C); other runs as one row.
/// Numbers are written in the invariant culture as the shortest text that reads back to the same double, so a
/// write–import round trip gives the same runs and curves.
/// </summary>
public static class RunWriter
{
    private static readonly string[] Header = ["run", "params", "tokens", "flops", "loss"];

    /// <summary>Writes <paramref name="runs"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>), in the format its extension names.</summary>
    /// <param name="runs">The data.</param>
    /// <param name="path">A <c>.csv</c>, <c>.jsonl</c> or <c>.json</c> file to create or replace.</param>
    /// <param name="cancellationToken">Checked before the file is replaced.</param>
    /// <exception cref="ArgumentException">The extension is not one of those.</exception>
    public static void Write(RunSet runs, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (!RunImporter.TryGetFormat(path, out var format))
            throw new ArgumentException($"cannot write '{Path.GetExtension(path)}' files: use .csv, .jsonl or .json.", nameof(path));
        AtomicFile.Write(path, stream => Write(runs, stream, format), cancellationToken);
    }

    /// <summary>Writes <paramref name="runs"/> to a stream in <paramref name="format"/> (UTF-8, no byte order mark; the stream stays open).</summary>
    /// <param name="runs">The data.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="format">The format.</param>
    public static void Write(RunSet runs, Stream stream, ImportFormat format)
    {
        switch (format)
        {
            case ImportFormat.Csv:
                WriteCsv(runs, stream);
                break;
            case ImportFormat.JsonLines:
                WriteJsonLines(runs, stream);
                break;
            case ImportFormat.JsonArray:
                WriteJsonArray(runs, stream);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>Writes CSV with a header row and LF line endings.</summary>
    /// <param name="runs">The data.</param>
    /// <param name="stream">The destination; stays open.</param>
    public static void WriteCsv(RunSet runs, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var hasBudget = runs.Runs.Any(r => r.FlopBudget is not null);
        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(hasBudget ? [.. Header, "budget"] : Header);
        foreach (var row in Rows(runs))
        {
            csv.WriteField(row.RunId);
            csv.WriteField(row.ParameterCount, default);
            csv.WriteField(row.TokenCount, default);
            csv.WriteField(row.Flops, default);
            csv.WriteField(row.Loss, default);
            if (hasBudget)
                csv.WriteField(row.FlopBudget, default);
            csv.EndRecord();
        }
    }

    /// <summary>Writes JSON Lines: one object per row, every object with the same keys (<c>budget</c> null when absent).</summary>
    /// <param name="runs">The data.</param>
    /// <param name="stream">The destination; stays open.</param>
    public static void WriteJsonLines(RunSet runs, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var hasBudget = runs.Runs.Any(r => r.FlopBudget is not null);
        using var json = new Utf8JsonWriter(stream);
        foreach (var row in Rows(runs))
        {
            WriteObject(json, row, hasBudget);
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    /// <summary>Writes a JSON array of objects, one per row, one per line.</summary>
    /// <param name="runs">The data.</param>
    /// <param name="stream">The destination; stays open.</param>
    public static void WriteJsonArray(RunSet runs, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var hasBudget = runs.Runs.Any(r => r.FlopBudget is not null);
        stream.Write("[\n"u8);
        var first = true;
        using var json = new Utf8JsonWriter(stream);
        foreach (var row in Rows(runs))
        {
            if (!first)
                stream.Write(",\n"u8);
            first = false;
            WriteObject(json, row, hasBudget);
            json.Flush();
            json.Reset();
        }

        stream.Write("\n]\n"u8);
    }

    private static void WriteObject(Utf8JsonWriter json, Run row, bool hasBudget)
    {
        json.WriteStartObject();
        json.WriteString("run", row.RunId);
        json.WriteNumber("params", row.ParameterCount);
        json.WriteNumber("tokens", row.TokenCount);
        json.WriteNumber("flops", row.Flops);
        json.WriteNumber("loss", row.Loss);
        if (hasBudget)
        {
            if (row.FlopBudget is { } budget)
                json.WriteNumber("budget", budget);
            else
                json.WriteNull("budget");
        }

        json.WriteEndObject();
    }

    /// <summary>One row per run without a curve, one per checkpoint for a run with one (curves without a run last).</summary>
    internal static IEnumerable<Run> Rows(RunSet runs)
    {
        var curves = new Dictionary<string, TrainingCurve>(StringComparer.Ordinal);
        foreach (var curve in runs.Curves)
            curves.TryAdd(curve.RunId, curve);
        foreach (var run in runs.Runs)
        {
            if (curves.Remove(run.RunId, out var curve) && curve.Points.Count > 0)
            {
                foreach (var row in CurveRows(curve, run, runs.FlopRule))
                    yield return row;
            }
            else
            {
                yield return run;
            }
        }

        foreach (var curve in runs.Curves)
        {
            if (curves.Remove(curve.RunId))
            {
                foreach (var row in CurveRows(curve, null, runs.FlopRule))
                    yield return row;
            }
        }
    }

    private static IEnumerable<Run> CurveRows(TrainingCurve curve, Run? run, FlopRule rule)
    {
        for (var i = 0; i < curve.Points.Count; i++)
        {
            var point = curve.Points[i];
            var isFinal = i == curve.Points.Count - 1 && run is not null && run.TokenCount == point.TokenCount;
            var flops = isFinal ? run!.Flops : rule.Flops(curve.ParameterCount, point.TokenCount);
            yield return new Run(curve.RunId, curve.ParameterCount, point.TokenCount, flops, point.Loss, run?.FlopBudget);
        }
    }
}
