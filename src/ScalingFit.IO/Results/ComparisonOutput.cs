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

    /// <summary><c>{"comparisons": [{approach, base: {frontier}, variant: {frontier}, budgets: [...], crossings: [...]}]}</c>.</summary>
    public static string Json(IReadOnlyList<FrontierComparison> comparisons)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("comparisons");
            foreach (var c in comparisons)
            {
                w.WriteStartObject();
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
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Factor(double v) => double.IsPositiveInfinity(v) ? "∞" : double.IsFinite(v) ? v.ToString(v < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + "×" : "n/a";
}
