using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>The <c>--json</c> output of <c>scalingfit allocate --fit</c> with an envelope or IsoFLOP result (a power law, no loss model).</summary>
public static class FrontierAllocationJson
{
    /// <summary>
    /// <c>{ "frontierLaw": {approach, source, a, lnCoefficient, flopFactor, level, largestDataBudget, resamples},
    /// "allocations": [{flops: {value, low, high}, params: {…}, tokens: {…}, tokensPerParameter, extrapolation}] }</c>;
    /// <c>extrapolation</c> is C over the largest budget in the data when C lies beyond it, else null.
    /// </summary>
    public static string Write(FrontierLaw law, string source, IReadOnlyList<FrontierAllocation> allocations)
    {
        ArgumentNullException.ThrowIfNull(law);
        ArgumentNullException.ThrowIfNull(allocations);
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("frontierLaw");
            w.WriteString("approach", law.Approach);
            w.WriteString("source", source);
            w.WriteNumber("a", law.Exponent);
            w.WriteNumber("lnCoefficient", law.LnCoefficient);
            w.WriteNumber("flopFactor", law.FlopFactor);
            w.WriteNumber("level", law.Level);
            JsonNumbers.Write(w, "largestDataBudget", law.LargestDataBudget);
            w.WriteNumber("resamples", law.BootstrapExponents.Count);
            w.WriteEndObject();
            w.WriteStartArray("allocations");
            foreach (var a in allocations)
            {
                w.WriteStartObject();
                Estimate(w, "flops", a.Flops);
                Estimate(w, "params", a.ParameterCount);
                Estimate(w, "tokens", a.TokenCount);
                JsonNumbers.Write(w, "tokensPerParameter", a.TokensPerParameter);
                JsonNumbers.Write(w, "extrapolation", a.ExtrapolationFactor);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Estimate(Utf8JsonWriter w, string name, Estimate e) => FitResultJson.WriteEstimate(w, name, e);
}
