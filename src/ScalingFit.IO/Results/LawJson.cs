using System.Text.Json;
using ScalingFit.Core.Laws;

namespace ScalingFit.IO.Results;

/// <summary>Reads a fitted <see cref="ParametricLaw"/> back from the <c>--json</c> output of <c>scalingfit fit</c> or <c>reproduce</c>.</summary>
public static class LawJson
{
    /// <summary>
    /// The coefficients of the first <c>parametric</c> result in <paramref name="json"/>, or null with a reason
    /// when the document holds none.
    /// </summary>
    public static (ParametricLaw? Law, string? Problem) Read(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                return (null, "it has no \"results\" array (is it the --json output of 'scalingfit fit'?)");
            foreach (var r in results.EnumerateArray())
            {
                if (r.TryGetProperty("approach", out var a) && a.GetString() == "parametric"
                    && r.TryGetProperty("coefficients", out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    double Get(string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                    var law = new ParametricLaw(Get("E"), Get("A"), Get("B"), Get("alpha"), Get("beta"));
                    return law.IsValid ? (law, null) : (null, "its parametric coefficients are missing or not positive");
                }
            }
            return (null, "it has no parametric result; run 'scalingfit fit parametric ... --json FILE' first");
        }
        catch (JsonException ex)
        {
            return (null, $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
    }
}
