using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// The <c>--json</c> output of <c>scalingfit fit</c> and <c>reproduce</c> (cli-contract.md):
/// <c>{"results": [{approach, a, b, level, points, coefficients, objective, …}]}</c>. The contract's names are kept;
/// diagnostics, bootstrap counts, the frontier and per-approach details are added.
/// </summary>
public static class FitResultJson
{
    /// <summary>The FLOP budgets at which the frontier is written: 1e21, Gopher's 5.76e23, 1e24, 1e25.</summary>
    public static IReadOnlyList<double> FrontierBudgets { get; } = [1e21, 5.76e23, 1e24, 1e25];

    /// <summary>Writes the results as indented JSON; <paramref name="perFit"/> adds members to each result object
    /// (e.g. <see cref="FitAnnotations"/>: checks, the frontier law), <paramref name="extra"/> to the top level (e.g. provenance).</summary>
    public static string Write(IReadOnlyList<IAllocationFit> results, Action<Utf8JsonWriter>? extra = null, Action<Utf8JsonWriter, IAllocationFit>? perFit = null)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var fit in results)
                WriteFit(w, fit, perFit);
            w.WriteEndArray();
            extra?.Invoke(w);
            w.WriteEndObject();
        });
    }

    /// <summary>Writes one result object; <paramref name="perFit"/> adds members at its end.</summary>
    public static void WriteFit(Utf8JsonWriter w, IAllocationFit fit, Action<Utf8JsonWriter, IAllocationFit>? perFit = null)
    {
        w.WriteStartObject();
        w.WriteString("approach", fit.Approach.Name());
        WriteEstimate(w, "a", fit.ExponentA);
        WriteEstimate(w, "b", fit.ExponentB);
        JsonNumbers.Write(w, "level", fit.ExponentA.Interval?.Level ?? fit.Bootstrap?.Level);
        w.WriteNumber("points", fit.PointCount);
        if (fit is ParametricFitResult p)
            WriteParametric(w, p);
        else if (fit is IsoFlopFitResult i)
            WriteIsoFlop(w, i);
        else if (fit is EnvelopeFitResult e)
            WriteEnvelope(w, e);

        w.WriteStartArray("frontier");
        foreach (var c in FrontierBudgets)
        {
            w.WriteStartObject();
            w.WriteNumber("flops", c);
            JsonNumbers.Write(w, "params", fit.OptimalParameterCount(c));
            JsonNumbers.Write(w, "tokens", fit.OptimalTokenCount(c));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (fit.Bootstrap is { } bs)
        {
            w.WriteStartObject("bootstrap");
            w.WriteNumber("requested", bs.Requested);
            w.WriteNumber("succeeded", bs.Succeeded);
            w.WriteNumber("failed", bs.Failed);
            w.WriteString("scheme", bs.Scheme == ResamplingScheme.Subsample ? "subsample" : "with-replacement");
            w.WriteNumber("level", bs.Level);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("bootstrap");
        }
        w.WriteStartArray("diagnostics");
        foreach (var d in fit.Diagnostics)
            DiagnosticJson.Write(w, d);
        w.WriteEndArray();
        perFit?.Invoke(w, fit);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>{"value", "low", "high"}</c>, with nulls where there is no interval.</summary>
    public static void WriteEstimate(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WriteStartObject(name);
        JsonNumbers.Write(w, "value", e.Value);
        JsonNumbers.Write(w, "low", e.Interval?.Low);
        JsonNumbers.Write(w, "high", e.Interval?.High);
        if (e.Interval is null && e.MissingIntervalReason is { } why)
            w.WriteString("why", why);
        w.WriteEndObject();
    }

    private static void WriteParametric(Utf8JsonWriter w, ParametricFitResult p)
    {
        w.WriteStartObject("coefficients");
        JsonNumbers.Write(w, "E", p.Law.E);
        JsonNumbers.Write(w, "A", p.Law.A);
        JsonNumbers.Write(w, "B", p.Law.B);
        JsonNumbers.Write(w, "alpha", p.Law.Alpha);
        JsonNumbers.Write(w, "beta", p.Law.Beta);
        w.WriteEndObject();
        JsonNumbers.Write(w, "objective", p.Objective);
        JsonNumbers.Write(w, "G", p.Law.G);
        w.WriteNumber("dropped", p.DroppedCount);
        w.WriteStartObject("intervals");
        foreach (var (name, estimate) in p.Estimates)
            WriteEstimate(w, name, estimate);
        w.WriteEndObject();
        var c = p.Convergence;
        w.WriteStartObject("convergence");
        w.WriteString("grid", c.Grid.ToString().ToLowerInvariant());
        w.WriteNumber("starts", c.Starts);
        w.WriteNumber("startsAtBest", c.StartsAtBest);
        w.WriteNumber("failedStarts", c.FailedStarts);
        w.WriteNumber("iterationLimitStarts", c.LimitStarts);
        w.WriteNumber("totalIterations", c.TotalIterations);
        w.WriteNumber("totalEvaluations", c.TotalEvaluations);
        w.WriteEndObject();
    }

    private static void WriteIsoFlop(Utf8JsonWriter w, IsoFlopFitResult r)
    {
        w.WriteStartArray("budgets");
        foreach (var b in r.Budgets)
        {
            w.WriteStartObject();
            JsonNumbers.Write(w, "flops", b.Flops);
            w.WriteNumber("points", b.PointCount);
            w.WriteBoolean("kept", b.Kept);
            JsonNumbers.Write(w, "params", b.Kept ? b.OptimalParameterCount : null);
            JsonNumbers.Write(w, "tokens", b.Kept ? b.OptimalTokenCount : null);
            if (b.ExclusionReason is { } why)
                w.WriteString("excluded", why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteEnvelope(Utf8JsonWriter w, EnvelopeFitResult r)
    {
        w.WriteString("method", r.Options.Method.ToString().ToLowerInvariant());
        w.WriteNumber("smooth", r.Options.Smooth);
        w.WriteNumber("curves", r.CurveCount);
    }
}
