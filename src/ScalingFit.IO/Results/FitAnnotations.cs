using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// What the JSON adds to each result beyond the fit itself: <c>checks</c> (the plausibility checks, an empty array when
/// all passed) and <c>frontierLaw</c> (ln N_opt = ln k_N + a·ln C, the FLOP factor, the largest budget in the data and the
/// bootstrap's (a, ln k_N) pairs), which <c>allocate --fit</c> reads back with <see cref="ReadFrontierLaw"/>.
/// </summary>
public static class FitAnnotations
{
    /// <summary>
    /// A per-result writer for <see cref="FitResultJson.Write"/> from each fit's checks and frontier law and, when
    /// <paramref name="lossFrontier"/> gives one, its loss frontier (<see cref="LossFrontierJson"/>, the block
    /// <c>predict --fit</c> reads).
    /// </summary>
    public static Action<Utf8JsonWriter, IAllocationFit> Writer(
        Func<IAllocationFit, IReadOnlyList<Diagnostic>> checks, Func<IAllocationFit, FrontierLaw?> frontierLaw,
        Func<IAllocationFit, LossFrontier?>? lossFrontier = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(frontierLaw);
        return (w, fit) =>
        {
            w.WriteStartArray("checks");
            foreach (var d in checks(fit))
                DiagnosticJson.Write(w, d);
            w.WriteEndArray();
            if (frontierLaw(fit) is { } law)
                WriteFrontierLaw(w, law);
            if (lossFrontier?.Invoke(fit) is { } frontier)
                LossFrontierJson.Write(w, frontier);
        };
    }

    /// <summary>A per-result writer that adds the fit's loss frontier from <paramref name="frontiers"/> (matched by approach), if any.</summary>
    public static Action<Utf8JsonWriter, IAllocationFit> LossFrontierWriter(IReadOnlyList<LossFrontier> frontiers)
    {
        ArgumentNullException.ThrowIfNull(frontiers);
        return (w, fit) =>
        {
            if (Of(frontiers, fit) is { } frontier)
                LossFrontierJson.Write(w, frontier);
        };
    }

    /// <summary>The frontier of <paramref name="fit"/>'s approach in <paramref name="frontiers"/>, or null.</summary>
    public static LossFrontier? Of(IReadOnlyList<LossFrontier>? frontiers, IAllocationFit fit) =>
        frontiers?.FirstOrDefault(f => f.Approach == fit.Approach);

    /// <summary>Writes <c>"frontierLaw": {exponent, lnCoefficient, flopFactor, level, largestDataBudget, bootstrap: {a: […], lnk: […]}}</c>.</summary>
    public static void WriteFrontierLaw(Utf8JsonWriter w, FrontierLaw law)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(law);
        w.WriteStartObject("frontierLaw");
        w.WriteNumber("exponent", law.Exponent);
        w.WriteNumber("lnCoefficient", law.LnCoefficient);
        w.WriteNumber("flopFactor", law.FlopFactor);
        w.WriteNumber("level", law.Level);
        JsonNumbers.Write(w, "largestDataBudget", law.LargestDataBudget);
        w.WriteStartObject("bootstrap");
        w.WriteStartArray("a");
        foreach (var a in law.BootstrapExponents)
            w.WriteNumberValue(a);
        w.WriteEndArray();
        w.WriteStartArray(FrontierLaw.InterceptName);
        foreach (var k in law.BootstrapLnCoefficients)
            w.WriteNumberValue(k);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// The frontier law of a result in the <c>--json</c> output of <c>fit</c> or <c>reproduce</c>: of the result whose
    /// <c>approach</c> is <paramref name="approach"/>, or of the first result that has one. Null with a reason when none.
    /// </summary>
    public static (FrontierLaw? Law, string? Problem) ReadFrontierLaw(string json, string? approach = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                return (null, "it has no \"results\" array (is it the --json output of 'scalingfit fit'?)");
            var found = new List<string>();
            foreach (var r in results.EnumerateArray())
            {
                string name = r.TryGetProperty("approach", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
                found.Add(name);
                if (approach is not null && name != approach)
                    continue;
                if (!r.TryGetProperty("frontierLaw", out var f) || f.ValueKind != JsonValueKind.Object)
                    continue;
                double Get(string key) => f.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                double[] Array(string key) => f.TryGetProperty("bootstrap", out var b) && b.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetDouble()).ToArray()
                    : [];
                double largest = Get("largestDataBudget");
                var law = new FrontierLaw(name, Get("exponent"), Get("lnCoefficient"), Get("flopFactor"), Array("a"), Array(FrontierLaw.InterceptName),
                    Get("level") is var level && level is > 0 and < 1 ? level : 0.95, double.IsFinite(largest) ? largest : null);
                if (!double.IsFinite(law.Exponent) || !double.IsFinite(law.LnCoefficient) || !(law.FlopFactor > 0) || law.Exponent == 0)
                    return (null, $"the {name} result's frontierLaw is incomplete (exponent, lnCoefficient and flopFactor are needed)");
                return (law, null);
            }
            if (approach is not null && !found.Contains(approach))
                return (null, $"it has no {approach} result (it has: {(found.Count == 0 ? "none" : string.Join(", ", found))})");
            return (null, "its results carry no frontierLaw; refit with this version of scalingfit ('scalingfit fit ... --json FILE')");
        }
        catch (JsonException ex)
        {
            return (null, $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
    }
}
