using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>Tables and JSON of <c>scalingfit compare</c>.</summary>
public static class ComparisonOutput
{
    /// <summary>One row per approach and budget: both frontiers' L*, the loss gap and the effective compute multiplier.</summary>
    public static TextTable Table(IReadOnlyList<FrontierComparison> comparisons)
    {
        double level = comparisons.Select(c => c.Base.Level).FirstOrDefault(0.95);
        string pct = (level * 100).ToString("0.#", CultureInfo.InvariantCulture);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var c in comparisons)
            foreach (var p in c.Points)
                rows.Add([c.Approach.Label(), ResultTables.Sci(p.Flops), PredictionOutput.Fixed(p.BaseLoss), PredictionOutput.Fixed(p.VariantLoss),
                    Signed(p.LossGap.Value), PredictionOutput.Range(p.LossGap.Interval, Signed),
                    p.Problem is null ? Factor(p.Multiplier.Value) : "never", PredictionOutput.Range(p.Multiplier.Interval, Factor)]);
        return new TextTable($"Effective compute multiplier k(C) = C_base(L*_variant(C)) / C ({pct}% intervals, both sweeps resampled)",
            ["approach", "FLOPs C", "L* base", "L* variant", "gap (base − variant)", $"gap {pct}%", "k", $"k {pct}%"], rows);
    }

    /// <summary>
    /// The comparison of every group with the base (<c>compare --group-by COL --compare-to GROUP</c>): the columns of
    /// <see cref="Table"/> after a variant column, one row per variant, approach and budget; a variant or approach not
    /// compared is one row saying why in the k column (<c>not fitted</c>, <c>import failed</c>, <c>budgets outside data</c>).
    /// </summary>
    public static TextTable GroupTable(GroupComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var compared = result.Comparisons.Select(c => c.Comparison).ToList();
        var table = Table(compared);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in result.Rows)
        {
            if (row.Comparison is { } c)
            {
                foreach (var cells in Table([c]).Rows)
                    rows.Add([row.Variant, .. cells]);
                continue;
            }
            string reason = row.Reason switch
            {
                NotComparedReason.ImportFailed => "import failed",
                NotComparedReason.BudgetsOutsideData => "budgets outside data",
                _ => "not fitted",
            };
            rows.Add([row.Variant, row.Approach?.Label() ?? "all", "n/a", "n/a", "n/a", "n/a", "n/a", reason, "n/a"]);
        }
        return new TextTable(table.Title.Replace("Effective compute multiplier", $"Each group against the base {result.BaseGroup}: effective compute multiplier", StringComparison.Ordinal),
            ["variant", .. table.Headers], rows);
    }

    /// <summary>
    /// <c>{"baseGroup": NAME, "comparisons": [{group, approach, base, variant, budgets, crossings, diagnostics} (as <see cref="Json"/>, plus the
    /// variant's group)], "notCompared": [{group, approach, reason, message}]}</c>; reason is <c>import-failed</c>, <c>not-fitted</c> or <c>budgets-outside-data</c>.
    /// </summary>
    public static string GroupJson(GroupComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("baseGroup", result.BaseGroup);
            w.WriteStartArray("comparisons");
            foreach (var (variant, c) in result.Comparisons)
                WriteComparison(w, c, variant);
            w.WriteEndArray();
            w.WriteStartArray("notCompared");
            foreach (var row in result.Rows.Where(r => r.Comparison is null))
            {
                w.WriteStartObject();
                w.WriteString("group", row.Variant);
                if (row.Approach is { } a)
                    w.WriteString("approach", a.Name());
                else
                    w.WriteNull("approach");
                w.WriteString("reason", row.Reason switch
                {
                    NotComparedReason.ImportFailed => "import-failed",
                    NotComparedReason.BudgetsOutsideData => "budgets-outside-data",
                    _ => "not-fitted",
                });
                w.WriteString("message", row.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>{"comparisons": [{approach, base: {frontier}, variant: {frontier}, budgets: [...], crossings: [...]}]}</c>.</summary>
    public static string Json(IReadOnlyList<FrontierComparison> comparisons)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("comparisons");
            foreach (var c in comparisons)
                WriteComparison(w, c, null);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteComparison(Utf8JsonWriter w, FrontierComparison c, string? variant)
    {
        w.WriteStartObject();
        if (variant is not null)
            w.WriteString("group", variant);
        w.WriteString("approach", c.Approach.Name());
        w.WriteStartObject("base");
        PredictionOutput.WriteFrontier(w, c.Base);
        w.WriteEndObject();
        w.WriteStartObject("variant");
        PredictionOutput.WriteFrontier(w, c.Variant);
        w.WriteEndObject();
        w.WriteStartArray("budgets");
        foreach (var p in c.Points)
        {
            w.WriteStartObject();
            w.WriteNumber("flops", p.Flops);
            JsonNumbers.Write(w, "baseLoss", p.BaseLoss);
            JsonNumbers.Write(w, "variantLoss", p.VariantLoss);
            FitResultJson.WriteEstimate(w, "lossGap", p.LossGap);
            FitResultJson.WriteEstimate(w, "multiplier", p.Multiplier);
            if (p.Problem is { } problem)
                w.WriteString("problem", problem);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("crossings");
        foreach (var x in c.Crossings)
        {
            w.WriteStartObject();
            w.WriteNumber("flops", x.Flops);
            w.WriteBoolean("insideData", x.InsideData);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        PredictionOutput.WriteDiagnostics(w, c.Diagnostics);
        w.WriteEndObject();
    }

    private static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Factor(double v) => double.IsPositiveInfinity(v) ? "∞" : double.IsFinite(v) ? v.ToString(v < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + "×" : "n/a";
}
