using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// The <c>--json</c> output of <c>scalingfit plan</c>: the prior, the grid (budgets with their runs and the total
/// compute), and, when computed, the precision (every scenario's bias, standard deviation, median width and coverage
/// for a and b per approach) and the target search. Missing numbers are <c>null</c>.
/// </summary>
public static class PlanJson
{
    /// <summary>Writes the plan, with its precision and search when given, as indented JSON.</summary>
    /// <param name="plan">The grid.</param>
    /// <param name="priorSource">Where the prior came from (e.g. <c>--paper</c>), for the record.</param>
    /// <param name="precision">The precision estimate, or null.</param>
    /// <param name="search">The target search, or null.</param>
    public static string Write(SweepPlan plan, string priorSource, SweepPrecisionResult? precision = null, SweepSearchResult? search = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("prior");
            w.WriteString("source", priorSource);
            WriteLaw(w, plan.Prior);
            w.WriteEndObject();
            WritePlan(w, plan);
            if (precision is not null)
            {
                w.WriteStartObject("precision");
                WritePrecision(w, precision);
                w.WriteEndObject();
            }
            if (search is not null)
            {
                w.WriteStartObject("search");
                w.WriteNumber("tried", search.Tried);
                w.WriteNumber("withinCap", search.WithinCap);
                w.WriteStartArray("candidates");
                foreach (var c in search.Candidates)
                {
                    w.WriteStartObject();
                    w.WriteNumber("budgets", c.BudgetCount);
                    w.WriteNumber("sizesPerBudget", c.SizesPerBudget);
                    w.WriteNumber("span", c.Span);
                    w.WriteNumber("totalFlops", c.TotalFlops);
                    w.WriteNumber("runs", c.RunCount);
                    JsonNumbers.Write(w, "medianWidthA", c.MedianWidth);
                    w.WriteNumber("trials", c.Trials);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("confirmation");
                WritePrecision(w, search.Confirmation);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    private static void WritePlan(Utf8JsonWriter w, SweepPlan plan)
    {
        w.WriteStartObject("grid");
        w.WriteNumber("sizesPerBudget", plan.Options.SizesPerBudget);
        w.WriteNumber("span", plan.Options.Span);
        JsonNumbers.Write(w, "minParams", plan.Options.MinParameterCount);
        JsonNumbers.Write(w, "maxParams", plan.Options.MaxParameterCount);
        w.WriteNumber("flopFactor", plan.Options.Rule.Factor);
        w.WriteNumber("totalFlops", plan.TotalFlops);
        w.WriteNumber("runs", plan.RunCount);
        w.WriteStartArray("budgets");
        foreach (var b in plan.Budgets)
        {
            w.WriteStartObject();
            w.WriteNumber("flops", b.Flops);
            w.WriteNumber("priorOptimalParams", b.PriorOptimalParameterCount);
            w.WriteNumber("dropped", b.DroppedParameterCounts.Count);
            w.WriteStartArray("runs");
            foreach (var r in b.Runs)
            {
                w.WriteStartObject();
                w.WriteString("run", r.RunId);
                w.WriteNumber("params", r.ParameterCount);
                w.WriteNumber("tokens", r.TokenCount);
                w.WriteNumber("tokensPerParam", r.TokensPerParameter);
                JsonNumbers.Write(w, "predictedLoss", r.Loss);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("diagnostics");
        foreach (var d in plan.Diagnostics)
            DiagnosticJson.Write(w, d);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePrecision(Utf8JsonWriter w, SweepPrecisionResult p)
    {
        var o = p.Options;
        w.WriteNumber("trials", o.Trials);
        w.WriteNumber("noise", o.NoiseSigma);
        w.WriteNumber("seed", o.Seed);
        w.WriteNumber("resamples", o.BootstrapResamples);
        w.WriteNumber("level", o.Level);
        w.WriteString("parametricStarts", $"{o.ParametricGrid.ToString().ToLowerInvariant()} grid + prior");
        w.WriteStartArray("scenarios");
        foreach (var s in p.Scenarios)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("description", s.Description);
            w.WriteStartObject("truth");
            WriteLaw(w, s.Truth);
            w.WriteEndObject();
            w.WriteStartArray("rows");
            foreach (var r in s.Rows)
            {
                w.WriteStartObject();
                w.WriteString("approach", r.Approach);
                w.WriteString("exponent", r.Exponent);
                JsonNumbers.Write(w, "truth", r.Truth);
                w.WriteNumber("fitted", r.Fitted);
                w.WriteNumber("failed", r.Failed);
                JsonNumbers.Write(w, "mean", r.Mean);
                JsonNumbers.Write(w, "bias", r.Bias);
                JsonNumbers.Write(w, "sd", r.StandardDeviation);
                JsonNumbers.Write(w, "medianWidth", r.MedianWidth);
                JsonNumbers.Write(w, "coverage", r.Coverage);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("diagnostics");
        foreach (var d in p.Diagnostics)
            DiagnosticJson.Write(w, d);
        w.WriteEndArray();
    }

    private static void WriteLaw(Utf8JsonWriter w, ParametricLaw law)
    {
        JsonNumbers.Write(w, "E", law.E);
        JsonNumbers.Write(w, "A", law.A);
        JsonNumbers.Write(w, "B", law.B);
        JsonNumbers.Write(w, "alpha", law.Alpha);
        JsonNumbers.Write(w, "beta", law.Beta);
        JsonNumbers.Write(w, "a", law.ExponentA);
        JsonNumbers.Write(w, "b", law.ExponentB);
    }
}
