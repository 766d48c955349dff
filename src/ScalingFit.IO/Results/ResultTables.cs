using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Fitting;

namespace ScalingFit.IO;

/// <summary>
/// The tables a reproduction prints: the exponents of every approach side by side with the published ones
/// (Hoffmann et al. 2022, Table 2) and the compute-optimal projections for the paper's model sizes (Table 3).
/// </summary>
public static class ResultTables
{
    /// <summary>Approach | a (interval) | b (interval) | points | the paper's a and b | Epoch AI's a.</summary>
    public static TextTable Exponents(IReadOnlyList<IAllocationFit> fits, PublishedFigures? published = null)
    {
        var headers = new List<string> { "approach", "a (N_opt ∝ C^a)", "b (D_opt ∝ C^b)", "points" };
        if (published is not null)
            headers.AddRange(["paper a", "paper b", "Epoch AI a"]);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var fit in fits)
        {
            var row = new List<string> { Label(fit.Approach), WithInterval(fit.ExponentA), WithInterval(fit.ExponentB), fit.PointCount.ToString(CultureInfo.InvariantCulture) };
            if (published is not null)
            {
                var paper = published.Table2.FirstOrDefault(p => p.Approach == fit.Approach.Name());
                var epoch = published.Replication.FirstOrDefault(p => p.Approach == fit.Approach.Name());
                row.Add(paper is null ? "" : WithInterval(paper.A, "0.00#"));
                row.Add(paper is null ? "" : WithInterval(paper.B, "0.00#"));
                row.Add(epoch is null ? "" : WithInterval(epoch.A, "0.000"));
            }
            rows.Add(row);
        }
        if (published?.Table2.FirstOrDefault(p => p.Approach == "kaplan") is { } kaplan)
            rows.Add(["Kaplan et al. 2020", "", "", "", WithInterval(kaplan.A, "0.00"), WithInterval(kaplan.B, "0.00"), ""]);
        string level = fits.Select(f => f.ExponentA.Interval?.Level).FirstOrDefault(l => l is not null) is { } l
            ? $"{l * 100:0.#}% intervals" : "no intervals";
        string note = published is null ? "" : "; the paper's are 10th–90th percentiles";
        return new TextTable($"Exponents of the compute-optimal frontier ({level}{note})", headers, rows);
    }

    /// <summary>For each of the paper's model sizes: the FLOPs and tokens each approach projects, beside the paper's Table 3.</summary>
    public static TextTable Projections(IReadOnlyList<IAllocationFit> fits, PublishedFigures published)
    {
        var headers = new List<string> { "params", "paper FLOPs", "paper tokens" };
        foreach (var fit in fits)
            headers.AddRange([$"{fit.Approach.Name()} FLOPs", $"{fit.Approach.Name()} tokens"]);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var p in published.Table3)
        {
            var row = new List<string> { Count(p.ParameterCount), Sci(p.Flops), Count(p.TokenCount) };
            foreach (var fit in fits)
            {
                double c = FrontierInversion.FlopsForParameterCount(fit, p.ParameterCount);
                row.Add(Sci(c));
                row.Add(Count(double.IsFinite(c) ? fit.OptimalTokenCount(c) : double.NaN));
            }
            rows.Add(row);
        }
        return new TextTable("Compute-optimal FLOPs and tokens for the paper's model sizes (Table 3)", headers, rows);
    }

    /// <summary>A value with its interval: <c>0.514 (0.482, 0.555)</c>.</summary>
    public static string WithInterval(Estimate e, string format = "0.000") =>
        double.IsNaN(e.Value) ? "n/a"
            : e.Interval is { } i
                ? $"{Num(e.Value, format)} ({Num(i.Low, format)}, {Num(i.High, format)})"
                : Num(e.Value, format);

    /// <summary>The display name of an approach (<see cref="Approaches.Label"/>).</summary>
    public static string Label(Approach approach) => approach.Label();

    /// <summary>The display name of an approach given by its JSON name; other names are returned as they are.</summary>
    public static string Label(string approach) => Approaches.FromName(approach)?.Label() ?? approach;

    /// <summary>1.23e+21 (<see cref="Numbers.Scientific"/>).</summary>
    public static string Sci(double v) => Numbers.Scientific(v);

    /// <summary>400M, 1.50T (<see cref="Numbers.Count"/>).</summary>
    public static string Count(double v) => Numbers.Count(v);

    private static string Num(double v, string format) => Numbers.Format(v, format);
}
