using System.Text.Json;
using CsvHelper;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// Writes a <see cref="SweepPlan"/>'s runs as a file <see cref="RunImporter"/> reads: the columns
/// <c>run,params,tokens,flops,budget,tokens_per_param,predicted_loss</c>, one row per planned run. There is no
/// <c>loss</c> column: add one as the runs finish and the file is a sweep for <c>scalingfit fit</c>; until then
/// <c>simulate --from-plan</c> (or an import with the loss column named <c>predicted_loss</c>) reads it.
/// Numbers are the shortest invariant text that reads back to the same double.
/// </summary>
public static class PlanWriter
{
    /// <summary>The name of the column holding the prior's predicted loss.</summary>
    public const string PredictedLossColumn = "predicted_loss";

    private static readonly string[] Header = ["run", "params", "tokens", "flops", "budget", "tokens_per_param", PredictedLossColumn];

    /// <summary>Writes the plan to a stream in <paramref name="format"/> (UTF-8, no byte order mark; the stream stays open).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="format">CSV, JSON Lines or a JSON array.</param>
    public static void Write(SweepPlan plan, Stream stream, ImportFormat format)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stream);
        var runs = plan.Runs;
        switch (format)
        {
            case ImportFormat.Csv:
                using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
                {
                    csv.WriteHeader(Header);
                    foreach (var r in runs)
                    {
                        csv.WriteField(r.RunId);
                        csv.WriteField(r.ParameterCount, default);
                        csv.WriteField(r.TokenCount, default);
                        csv.WriteField(r.Flops, default);
                        csv.WriteField(r.FlopBudget ?? r.Flops, default);
                        csv.WriteField(r.TokensPerParameter, default);
                        csv.WriteField(r.Loss, default);
                        csv.EndRecord();
                    }
                }
                break;
            case ImportFormat.JsonLines:
            case ImportFormat.JsonArray:
                bool array = format == ImportFormat.JsonArray;
                if (array)
                    stream.Write("[\n"u8);
                using (var json = new Utf8JsonWriter(stream))
                {
                    for (int i = 0; i < runs.Count; i++)
                    {
                        if (array && i > 0)
                            stream.Write(",\n"u8);
                        WriteObject(json, runs[i]);
                        json.Flush();
                        json.Reset();
                        if (!array)
                            stream.WriteByte((byte)'\n');
                    }
                }
                if (array)
                    stream.Write("\n]\n"u8);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static void WriteObject(Utf8JsonWriter json, Run r)
    {
        json.WriteStartObject();
        json.WriteString("run", r.RunId);
        json.WriteNumber("params", r.ParameterCount);
        json.WriteNumber("tokens", r.TokenCount);
        json.WriteNumber("flops", r.Flops);
        json.WriteNumber("budget", r.FlopBudget ?? r.Flops);
        json.WriteNumber("tokens_per_param", r.TokensPerParameter);
        json.WriteNumber(PredictedLossColumn, r.Loss);
        json.WriteEndObject();
    }
}
