using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.IO;

/// <summary>Reads a fitted <see cref="ParametricLaw"/> back from the <c>--json</c> output of <c>scalingfit fit</c> or <c>reproduce</c>.</summary>
public static class LawJson
{
    /// <summary>
    /// The coefficients of the first <c>parametric</c> result in <paramref name="json"/>, or null with a reason
    /// when the document holds none.
    /// </summary>
    public static (ParametricLaw? Law, string? Problem) Read(string json)
    {
        var (law, _, _, problem) = ReadWithObjective(json);
        return (law, problem);
    }

    /// <summary>
    /// As <see cref="Read"/>, with the first parametric result's Huber objective and number of points (NaN and 0
    /// when absent), from which <see cref="Fitting.NoiseEstimate.FromHuberObjective"/> estimates the loss noise.
    /// </summary>
    public static (ParametricLaw? Law, double Objective, int Points, string? Problem) ReadWithObjective(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                return (null, double.NaN, 0, "it has no \"results\" array (is it the --json output of 'scalingfit fit'?)");
            foreach (var r in results.EnumerateArray())
            {
                if (r.TryGetProperty("approach", out var a) && a.GetString() == "parametric"
                    && r.TryGetProperty("coefficients", out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    double Get(string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
                    var law = new ParametricLaw(Get("E"), Get("A"), Get("B"), Get("alpha"), Get("beta"));
                    double objective = r.TryGetProperty("objective", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : double.NaN;
                    int points = r.TryGetProperty("points", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var count) ? count : 0;
                    return law.IsValid ? (law, objective, points, null) : (null, double.NaN, 0, "its parametric coefficients are missing or not positive");
                }
            }
            return (null, double.NaN, 0, "it has no parametric result; run 'scalingfit fit parametric ... --json FILE' first");
        }
        catch (JsonException ex)
        {
            return (null, double.NaN, 0, $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
    }
}
