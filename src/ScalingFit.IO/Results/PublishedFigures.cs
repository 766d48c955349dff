using System.Reflection;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.IO;

/// <summary>One published row of the paper's Table 2 (or a replication's): a and b with their intervals.</summary>
/// <param name="Approach"><c>envelope</c>, <c>isoflop</c>, <c>parametric</c> or <c>kaplan</c>.</param>
/// <param name="Label">The row's label in the source.</param>
/// <param name="A">a in N_opt ∝ C^a, with its published interval.</param>
/// <param name="B">b in D_opt ∝ C^b, with its published interval.</param>
/// <param name="Source">The citation.</param>
public sealed record PublishedExponents(string Approach, string Label, Estimate A, Estimate B, string Source);

/// <summary>One row of the paper's Table 3: a model size and the FLOPs and tokens Approach 1 projects for it.</summary>
/// <param name="ParameterCount">N.</param>
/// <param name="Flops">C.</param>
/// <param name="TokenCount">D.</param>
public sealed record PublishedProjection(double ParameterCount, double Flops, double TokenCount);

/// <summary>A model marked on frontier plots at its training compute.</summary>
/// <param name="Name">E.g. Chinchilla.</param>
/// <param name="ParameterCount">N.</param>
/// <param name="Flops">C.</param>
public sealed record Landmark(string Name, double ParameterCount, double Flops);

/// <summary>
/// The published figures ScalingFit compares against (Hoffmann et al. 2022 Tables 2 and 3 and its Approach-3 law;
/// Besiroglu et al. 2024's replication; Kaplan et al. 2020), read from <c>data/published-figures.json</c>,
/// which is embedded in this assembly so it is there wherever the tool is installed.
/// </summary>
public sealed record PublishedFigures(
    IReadOnlyList<PublishedExponents> Table2,
    IReadOnlyList<PublishedExponents> Replication,
    IReadOnlyList<PublishedProjection> Table3,
    ParametricLaw PaperLaw,
    ParametricLaw EpochLaw,
    IReadOnlyList<Landmark> Landmarks,
    IReadOnlyDictionary<string, string> Sources)
{
    private static readonly Lazy<PublishedFigures> Embedded = new(() =>
    {
        using var stream = typeof(PublishedFigures).Assembly.GetManifestResourceStream("ScalingFit.published-figures.json")
            ?? throw new InvalidOperationException("The embedded published-figures.json is missing from ScalingFit.IO.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The figures shipped with this build.</summary>
    public static PublishedFigures Load() => Embedded.Value;

    /// <summary>Parses the published-figures JSON.</summary>
    public static PublishedFigures Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var sources = root.GetProperty("sources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new PublishedFigures(
            Exponents(root.GetProperty("table2"), sources),
            Exponents(root.GetProperty("epochTable2"), sources),
            root.GetProperty("table3").GetProperty("rows").EnumerateArray()
                .Select(r => new PublishedProjection(r.GetProperty("params").GetDouble(), r.GetProperty("flops").GetDouble(), r.GetProperty("tokens").GetDouble()))
                .ToArray(),
            Law(root.GetProperty("laws").GetProperty("paper")),
            Law(root.GetProperty("laws").GetProperty("epoch")),
            root.GetProperty("landmarks").EnumerateArray()
                .Select(r => new Landmark(r.GetProperty("name").GetString()!, r.GetProperty("params").GetDouble(), r.GetProperty("flops").GetDouble()))
                .ToArray(),
            sources);
    }

    private static ParametricLaw Law(JsonElement e) => new(
        e.GetProperty("E").GetDouble(), e.GetProperty("A").GetDouble(), e.GetProperty("B").GetDouble(),
        e.GetProperty("alpha").GetDouble(), e.GetProperty("beta").GetDouble());

    private static PublishedExponents[] Exponents(JsonElement table, IReadOnlyDictionary<string, string> sources)
    {
        string tableSource = table.GetProperty("source").GetString()!;
        double tableLevel = table.TryGetProperty("level", out var l) ? l.GetDouble() : 0.95;
        return table.GetProperty("rows").EnumerateArray().Select(r =>
        {
            double level = r.TryGetProperty("level", out var rl) ? rl.GetDouble() : tableLevel;
            string source = r.TryGetProperty("source", out var s) ? s.GetString()! : tableSource;
            string label = r.TryGetProperty("label", out var lab) ? lab.GetString()! : r.GetProperty("approach").GetString()!;
            return new PublishedExponents(r.GetProperty("approach").GetString()!, label,
                Value(r, "a", level), Value(r, "b", level), sources.TryGetValue(source, out var cite) ? cite : source);
        }).ToArray();
    }

    private static Estimate Value(JsonElement row, string name, double level)
    {
        if (!row.TryGetProperty(name, out var v))
            return Estimate.Point(double.NaN, "not published");
        return row.TryGetProperty(name + "Low", out var lo) && row.TryGetProperty(name + "High", out var hi)
            ? new Estimate(v.GetDouble(), new Interval(lo.GetDouble(), hi.GetDouble(), level))
            : Estimate.Point(v.GetDouble(), "no interval published");
    }
}
