using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>Tables and JSON of <c>scalingfit backtest</c>.</summary>
public static class BacktestOutput
{
    /// <summary>One row per approach and cutoff: what was held out and the errors and coverage of its predictions.</summary>
    public static TextTable Summary(IReadOnlyList<BacktestResult> results)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in results)
            foreach (var c in r.Cutoffs)
                rows.Add([r.Approach.Label(), ResultTables.Sci(c.CutoffFlops), Int(c.HeldOutBudgets), Int(c.TrainingRuns), Int(c.Targets.Count),
                    c.Targets.Count == 0 ? "–" : PredictionOutput.Times(c.Targets.Max(t => t.ExtrapolationFactor)),
                    Percent(c.MeanAbsoluteRelativeLossError, "0.00"), Coverage(c.Targets.Select(t => t.LossCovered)),
                    Fixed(c.MeanAbsoluteLogRatioParameterCount), Coverage(c.Targets.Select(t => t.ParameterCountCovered)),
                    c.Failure ?? ""]);
        return new TextTable("Backtest: the top of the sweep held out, the rest fitted, the held-out values predicted",
            ["approach", "cutoff C", "budgets out", "runs/curves in", "targets", "max ×", "mean |loss err|", "loss in PI", "mean |ln N ratio|", "N in CI", "note"], rows);
    }

    /// <summary>One row per held-out value.</summary>
    public static TextTable Targets(IReadOnlyList<BacktestResult> results)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in results)
            foreach (var c in r.Cutoffs)
                foreach (var t in c.Targets)
                    rows.Add([r.Approach.Name(), ResultTables.Sci(c.CutoffFlops), t.Label, ResultTables.Sci(t.Flops), PredictionOutput.Times(t.ExtrapolationFactor),
                        PredictionOutput.Fixed(t.ObservedLoss), PredictionOutput.Fixed(t.PredictedLoss.Value), PredictionOutput.Range(t.PredictionInterval, PredictionOutput.Fixed),
                        Percent(t.RelativeLossError, "+0.00;-0.00"), Mark(t.LossCovered),
                        t.ObservedParameterCount is { } o ? ResultTables.Count(o) : "", t.PredictedParameterCount is { } p ? ResultTables.Count(p.Value) : "",
                        t.LogRatioParameterCount is { } lr ? lr.ToString("+0.000;-0.000", CultureInfo.InvariantCulture) : "", Mark(t.ParameterCountCovered)]);
        return new TextTable("Held-out values and their predictions",
            ["approach", "cutoff C", "held out", "C", "×", "observed L", "predicted L", "prediction interval", "error", "in", "observed N_opt", "predicted N_opt", "ln ratio", "in"], rows);
    }

    /// <summary><c>{"backtests": [{approach, cutoffs: [{cutoff, failure, summary…, targets: […]}]}]}</c>.</summary>
    public static string Json(IReadOnlyList<BacktestResult> results)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("backtests");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("approach", r.Approach.Name());
                w.WriteStartArray("cutoffs");
                foreach (var c in r.Cutoffs)
                {
                    w.WriteStartObject();
                    w.WriteNumber("cutoffFlops", c.CutoffFlops);
                    w.WriteNumber("heldOutBudgets", c.HeldOutBudgets);
                    w.WriteNumber("trainingRuns", c.TrainingRuns);
                    if (c.Failure is { } f)
                        w.WriteString("failure", f);
                    else
                        w.WriteNull("failure");
                    JsonNumbers.Write(w, "meanAbsRelativeLossError", c.MeanAbsoluteRelativeLossError);
                    JsonNumbers.Write(w, "lossCoverage", c.LossCoverage);
                    JsonNumbers.Write(w, "meanAbsLogRatioParams", c.MeanAbsoluteLogRatioParameterCount);
                    JsonNumbers.Write(w, "paramsCoverage", c.ParameterCountCoverage);
                    if (c.Frontier is { } fr)
                        PredictionOutput.WriteFrontier(w, fr);
                    w.WriteStartArray("targets");
                    foreach (var t in c.Targets)
                    {
                        w.WriteStartObject();
                        w.WriteString("kind", t.Kind switch { BacktestTargetKind.BudgetMinimum => "budget-minimum", BacktestTargetKind.Run => "run", _ => "envelope-point" });
                        w.WriteString("label", t.Label);
                        w.WriteNumber("flops", t.Flops);
                        JsonNumbers.Write(w, "extrapolation", t.ExtrapolationFactor);
                        w.WriteNumber("observedLoss", t.ObservedLoss);
                        FitResultJson.WriteEstimate(w, "predictedLoss", t.PredictedLoss);
                        PredictionOutput.WriteInterval(w, "prediction", t.PredictionInterval);
                        JsonNumbers.Write(w, "relativeLossError", t.RelativeLossError);
                        WriteBool(w, "lossCovered", t.LossCovered);
                        JsonNumbers.Write(w, "observedParams", t.ObservedParameterCount);
                        if (t.PredictedParameterCount is { } p)
                            FitResultJson.WriteEstimate(w, "predictedParams", p);
                        else
                            w.WriteNull("predictedParams");
                        JsonNumbers.Write(w, "logRatioParams", t.LogRatioParameterCount);
                        WriteBool(w, "paramsCovered", t.ParameterCountCovered);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteBool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
            w.WriteBoolean(name, v);
        else
            w.WriteNull(name);
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double v, string format) => double.IsFinite(v) ? (100 * v).ToString(format, CultureInfo.InvariantCulture) + "%" : "–";

    private static string Mark(bool? v) => v switch { true => "yes", false => "NO", null => "" };

    private static string Coverage(IEnumerable<bool?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return known.Length == 0 ? "–" : $"{known.Count(v => v)}/{known.Length}";
    }
}
