using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.IO;

/// <summary>
/// The <c>--json</c> output of <c>scalingfit inspect</c> (cli-contract.md): <c>runs</c> counts distinct runs,
/// <c>curves</c> the runs with more than one point, <c>points</c> the data rows kept; then ranges, budgets and problems.
/// </summary>
public static class InspectJson
{
    /// <summary>Writes the inspection of an import as indented JSON.</summary>
    public static string Write(ImportResult import, RunSetSummary summary, IReadOnlyList<double> budgets, IReadOnlyList<Diagnostic> problems)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("file", import.File);
            w.WriteString("format", import.Format?.ToString().ToLowerInvariant());
            w.WriteNumber("runs", summary.Runs);
            w.WriteNumber("curves", summary.Curves);
            w.WriteNumber("points", import.RowsKept);
            w.WriteNumber("rowsRead", import.RowsRead);
            w.WriteNumber("rowsRejected", import.RowsRejected);
            w.WriteNumber("distinctSizes", summary.DistinctSizes);
            w.WriteStartObject("columns");
            foreach (var (key, name) in import.Columns.OrderBy(p => p.Key))
                w.WriteString(ColumnKeys.CliKey(key), name);
            w.WriteEndObject();
            w.WriteBoolean("tokensDerived", import.TokensDerived);
            w.WriteBoolean("flopsDerived", import.FlopsDerived);
            w.WriteBoolean("paramsDerived", import.ParametersDerived);
            w.WriteStartArray("selection");
            foreach (var filter in import.Filters)
            {
                w.WriteStartObject();
                w.WriteString("where", filter.Expression);
                w.WriteNumber("rowsBefore", filter.RowsBefore);
                w.WriteNumber("rowsRemoved", filter.RowsRemoved);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (import.Groups.Count > 0)
            {
                w.WriteStartArray("groups");
                foreach (var g in import.Groups)
                {
                    w.WriteStartObject();
                    w.WriteString("group", g.Name);
                    w.WriteNumber("rows", g.Rows);
                    w.WriteNumber("runs", g.Import.RunSet.Runs.Count);
                    w.WriteNumber("curves", g.Import.RunSet.Curves.Count);
                    w.WriteBoolean("succeeded", g.Import.Succeeded);
                    w.WriteStartArray("errors");
                    foreach (var e in g.Import.Errors)
                        w.WriteStringValue(e.ToString());
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartObject("ranges");
            Range(w, "params", summary.ParameterCount);
            Range(w, "tokens", summary.TokenCount);
            Range(w, "flops", summary.Flops);
            Range(w, "loss", summary.Loss);
            w.WriteEndObject();
            w.WriteStartArray("budgets");
            foreach (var b in budgets)
                w.WriteNumberValue(b);
            w.WriteEndArray();
            w.WriteStartArray("problems");
            foreach (var p in problems)
                DiagnosticJson.Write(w, p);
            foreach (var n in import.Notes)
            {
                w.WriteStartObject();
                w.WriteString("code", n.Code.ToString());
                w.WriteString("severity", "info");
                w.WriteString("message", n.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Range(Utf8JsonWriter w, string name, ValueRange range)
    {
        w.WriteStartObject(name);
        JsonNumbers.Write(w, "min", range.Min);
        JsonNumbers.Write(w, "max", range.Max);
        w.WriteEndObject();
    }
}

/// <summary>A <see cref="Diagnostic"/> as <c>{code, severity, message}</c>.</summary>
public static class DiagnosticJson
{
    /// <summary>Writes one diagnostic object.</summary>
    public static void Write(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("code", d.Code);
        w.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
        w.WriteString("message", d.Message);
        w.WriteEndObject();
    }
}
