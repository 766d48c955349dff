using System.Text;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.IO;

/// <summary>The <c>--json</c> output of <c>scalingfit allocate</c>.</summary>
public static class AllocationJson
{
    /// <summary>
    /// <c>{ "law": {E, A, B, alpha, beta, a, b, G, source}, "allocations": [{flops, params, tokens, tokensPerParameter, loss, reachable}] }</c>;
    /// an unreachable target (a loss at or below E) is written with <c>reachable: false</c> and nulls.
    /// </summary>
    public static string Write(ParametricLaw law, string source, IReadOnlyList<Allocation?> allocations)
    {
        return JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("law");
            w.WriteString("source", source);
            w.WriteNumber("E", law.E);
            w.WriteNumber("A", law.A);
            w.WriteNumber("B", law.B);
            w.WriteNumber("alpha", law.Alpha);
            w.WriteNumber("beta", law.Beta);
            w.WriteNumber("a", law.ExponentA);
            w.WriteNumber("b", law.ExponentB);
            w.WriteNumber("G", law.G);
            w.WriteEndObject();
            w.WriteStartArray("allocations");
            foreach (var a in allocations)
            {
                w.WriteStartObject();
                w.WriteBoolean("reachable", a is not null);
                JsonNumbers.Write(w, "flops", a?.Flops);
                JsonNumbers.Write(w, "params", a?.ParameterCount);
                JsonNumbers.Write(w, "tokens", a?.TokenCount);
                JsonNumbers.Write(w, "tokensPerParameter", a?.TokensPerParameter);
                JsonNumbers.Write(w, "loss", a?.Loss);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}

/// <summary>JSON numbers that are null when absent or not finite (JSON has no NaN).</summary>
public static class JsonNumbers
{
    /// <summary>Writes <paramref name="value"/>, or null when it is absent or not finite.</summary>
    public static void Write(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }
}
