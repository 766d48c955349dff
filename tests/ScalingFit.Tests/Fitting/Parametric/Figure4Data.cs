using System.Globalization;
using ScalingFit.Core;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Fitting.Parametric;

/// <summary>
/// A tiny private reader of Epoch AI's Figure-4 extraction (../shared/data/chinchilla_figure4_epoch.csv): columns
/// <c>Model Size</c> (N), <c>Training FLOP</c> (C) and <c>loss</c>; D = C/(6N); file order kept. Independent of the
/// project's importer on purpose, so these tests check the fitter alone.
/// </summary>
internal static class Figure4Data
{
    private static readonly Lazy<RunSet> Runs = new(Load);
    private static readonly Lazy<int[][]> Indices = new(LoadIndices);

    /// <summary>All 245 rows as runs, in file order.</summary>
    public static RunSet All => Runs.Value;

    /// <summary>The Python reference's 1,000 resamples for seed 0 (results/bootstrap_indices_seed0.csv), indexing the 240 rows left after dropping 5.</summary>
    public static int[][] ReferenceIndexSets => Indices.Value;

    private static RunSet Load()
    {
        var lines = File.ReadAllLines(SharedData.PathOf("chinchilla_figure4_epoch.csv"));
        var header = lines[0].Split(',');
        int n = Array.IndexOf(header, "Model Size"), c = Array.IndexOf(header, "Training FLOP"), l = Array.IndexOf(header, "loss");
        var runs = new List<Run>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var parts = lines[i].Split(',');
            double size = double.Parse(parts[n], CultureInfo.InvariantCulture);
            double flops = double.Parse(parts[c], CultureInfo.InvariantCulture);
            double loss = double.Parse(parts[l], CultureInfo.InvariantCulture);
            runs.Add(new Run($"row{i}", size, flops / (6 * size), flops, loss));
        }
        return new RunSet(runs);
    }

    private static int[][] LoadIndices()
    {
        var path = Path.Combine(SharedData.ReferenceDirectory!, "results", "bootstrap_indices_seed0.csv");
        return File.ReadLines(path).Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
    }
}
