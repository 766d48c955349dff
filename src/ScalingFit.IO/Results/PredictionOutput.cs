using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>The predictions of one approach: its frontier and the predictions made from it.</summary>
/// <param name="Frontier">The fitted loss frontier.</param>
/// <param name="AtBudgets">Predictions on the frontier at FLOP budgets.</param>
/// <param name="AtAllocations">Predictions of the parametric law at (N, D) pairs.</param>
public sealed record ApproachPredictions(LossFrontier Frontier, IReadOnlyList<FrontierPrediction> AtBudgets, IReadOnlyList<AllocationPrediction> AtAllocations)
{
    /// <summary>Predicts <paramref name="frontier"/> at every budget (<see cref="LossFrontier.Predict"/>) and, when it is a
    /// parametric law, at every (N, D) pair (<see cref="LossFrontier.PredictAt"/>; other frontiers give none).</summary>
    public static ApproachPredictions Make(LossFrontier frontier, IEnumerable<double> budgets, IEnumerable<(double N, double D)> pairs)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        return new ApproachPredictions(frontier, budgets.Select(frontier.Predict).ToArray(),
            pairs.Select(p => frontier.PredictAt(p.N, p.D)).OfType<AllocationPrediction>().ToArray());
    }

    /// <summary>The warnings and errors of the frontier and of every prediction, each message once.</summary>
    public IEnumerable<Diagnostic> Warnings => Frontier.Diagnostics.Concat(AtBudgets.SelectMany(x => x.Diagnostics))
        .Concat(AtAllocations.SelectMany(x => x.Diagnostics)).Where(d => d.Severity != Severity.Info).DistinctBy(d => d.Message);
}

/// <summary>Tables and JSON of <c>scalingfit predict</c>.</summary>
public static class PredictionOutput
{
    /// <summary>One row per approach and budget: C, extrapolation factor, N_opt, L* with its interval and the prediction interval.</summary>
    public static TextTable BudgetTable(IReadOnlyList<ApproachPredictions> predictions)
    {
        double level = predictions.Select(p => p.Frontier.Level).FirstOrDefault(0.95);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in predictions)
            foreach (var b in p.AtBudgets)
                rows.Add([p.Frontier.Approach.Label(), ResultTables.Sci(b.Flops), Times(b.ExtrapolationFactor),
                    ResultTables.Count(b.ParameterCount.Value), Range(b.ParameterCount.Interval, ResultTables.Count),
                    Fixed(b.Loss.Value), Range(b.Loss.Interval, Fixed), Range(b.PredictionInterval, Fixed)]);
        string pct = (level * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return new TextTable($"Compute-optimal loss L*(C) ({pct}% intervals: of the fitted mean, and for a run, adding the fit's residual scatter; {DataReference(predictions)})",
            ["approach", "FLOPs C", "× data", "N_opt", $"N_opt {pct}%", "L*", $"L* {pct}%", "run prediction"], rows);
    }

    /// <summary>One row per (N, D) pair of the parametric law.</summary>
    public static TextTable AllocationTable(IReadOnlyList<ApproachPredictions> predictions)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in predictions)
            foreach (var a in p.AtAllocations)
                rows.Add([ResultTables.Count(a.ParameterCount), ResultTables.Count(a.TokenCount), ResultTables.Sci(a.Flops), Times(a.ExtrapolationFactor),
                    Fixed(a.Loss.Value), Range(a.Loss.Interval, Fixed), Range(a.PredictionInterval, Fixed)]);
        return new TextTable($"Loss of the parametric law at (N, D) ({DataReference(predictions)})", ["params N", "tokens D", "FLOPs C", "× data", "loss", "interval", "run prediction"], rows);
    }

    /// <summary>
    /// What the "× data" column divides by, for a table's caption: <c>× data = C / the largest C in the data (1.31e+22)</c>,
    /// or each approach's reference when they differ (they do not when the approaches were fitted to the same runs).
    /// </summary>
    public static string DataReference(IReadOnlyList<ApproachPredictions> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var references = predictions.Select(p => (p.Frontier.Approach, Flops: p.Frontier.ExtrapolationReference)).ToList();
        if (references.Select(r => r.Flops).Distinct().Count() <= 1)
            return $"× data = C / the largest C in the data{(references.Count == 0 ? "" : $", {ResultTables.Sci(references[0].Flops)}")}";
        return "× data = C / the largest C in the data each approach was given: " + string.Join(", ", references.Select(r => $"{r.Approach.Name()} {ResultTables.Sci(r.Flops)}"));
    }

    /// <summary><c>{"predictions": [{approach, frontier: {...}, lossFrontier: {...}, budgets: [...], allocations: [...]}]}</c>; missing
    /// numbers are null. <c>lossFrontier</c> (<see cref="LossFrontierJson"/>) lets <c>predict --fit</c> read the file back.</summary>
    public static string Json(IReadOnlyList<ApproachPredictions> predictions)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("predictions");
            foreach (var p in predictions)
            {
                w.WriteStartObject();
                w.WriteString("approach", p.Frontier.Approach.Name());
                WriteFrontier(w, p.Frontier);
                LossFrontierJson.Write(w, p.Frontier);
                w.WriteStartArray("budgets");
                foreach (var b in p.AtBudgets)
                {
                    w.WriteStartObject();
                    w.WriteNumber("flops", b.Flops);
                    JsonNumbers.Write(w, "extrapolation", b.ExtrapolationFactor);
                    FitResultJson.WriteEstimate(w, "loss", b.Loss);
                    WriteInterval(w, "prediction", b.PredictionInterval);
                    FitResultJson.WriteEstimate(w, "params", b.ParameterCount);
                    WriteDiagnostics(w, b.Diagnostics);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("allocations");
                foreach (var a in p.AtAllocations)
                {
                    w.WriteStartObject();
                    w.WriteNumber("params", a.ParameterCount);
                    w.WriteNumber("tokens", a.TokenCount);
                    w.WriteNumber("flops", a.Flops);
                    JsonNumbers.Write(w, "extrapolation", a.ExtrapolationFactor);
                    FitResultJson.WriteEstimate(w, "loss", a.Loss);
                    WriteInterval(w, "prediction", a.PredictionInterval);
                    WriteDiagnostics(w, a.Diagnostics);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Writes the frontier's form, coefficients, scatter, data range and diagnostics.</summary>
    public static void WriteFrontier(Utf8JsonWriter w, LossFrontier f)
    {
        w.WriteStartObject("frontier");
        w.WriteBoolean("succeeded", f.Succeeded);
        if (f.LossFit is { } fit)
        {
            w.WriteString("form", "E + A*C^-gamma");
            JsonNumbers.Write(w, "E", fit.Law.E);
            JsonNumbers.Write(w, "A", fit.Law.A);
            JsonNumbers.Write(w, "gamma", fit.Law.Gamma);
            w.WriteBoolean("pinnedE", fit.EPinned);
            w.WriteNumber("points", fit.Count);
        }
        else if (f.Succeeded)
        {
            w.WriteString("form", "parametric law at N_opt(C), D_opt(C)");
        }
        JsonNumbers.Write(w, "residualSigmaLnLoss", f.ResidualStandardDeviation);
        JsonNumbers.Write(w, "dataFlopsMin", f.DataFlops.Min);
        JsonNumbers.Write(w, "dataFlopsMax", f.DataFlops.Max);
        JsonNumbers.Write(w, "extrapolationReference", f.ExtrapolationReference);
        w.WriteNumber("resamples", f.ResamplesRequested);
        w.WriteNumber("resamplesSucceeded", f.Resamples.Count);
        w.WriteNumber("level", f.Level);
        WriteDiagnostics(w, f.Diagnostics);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>{"low", "high"}</c> or null.</summary>
    public static void WriteInterval(Utf8JsonWriter w, string name, Interval? interval)
    {
        if (interval is not { } i)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        JsonNumbers.Write(w, "low", i.Low);
        JsonNumbers.Write(w, "high", i.High);
        w.WriteEndObject();
    }

    /// <summary>Writes a "diagnostics" array.</summary>
    public static void WriteDiagnostics(Utf8JsonWriter w, IEnumerable<Core.Diagnostic> diagnostics)
    {
        w.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
            DiagnosticJson.Write(w, d);
        w.WriteEndArray();
    }

    /// <summary>A factor such as 10×.</summary>
    public static string Times(double factor) => double.IsFinite(factor) ? factor.ToString(factor < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + "×" : "n/a";

    /// <summary>Four decimals.</summary>
    public static string Fixed(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"low – high", or "–" when there is no interval.</summary>
    public static string Range(Interval? interval, Func<double, string> format) =>
        interval is { } i ? $"{format(i.Low)} – {format(i.High)}" : "–";
}
