using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Fitting.IsoFlop;

/// <summary>Private loaders for the shared final-loss files (the project's importer is written elsewhere).</summary>
internal static class IsoFlopFiles
{
    public const string Figure4 = "chinchilla_figure4_epoch.csv";
    public const string Cs336 = "cs336_isoflops.json";

    /// <summary>Epoch AI's Figure-4 extraction: columns <c>Model Size</c>, <c>Training FLOP</c>, <c>loss</c>; D = C/(6N); no budget labels.</summary>
    public static RunSet LoadFigure4()
    {
        var lines = File.ReadAllLines(SharedData.PathOf(Figure4));
        var header = lines[0].Split(',');
        int n = Array.IndexOf(header, "Model Size"), c = Array.IndexOf(header, "Training FLOP"), loss = Array.IndexOf(header, "loss");
        var runs = new List<Run>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var fields = lines[i].Split(',');
            double parameters = double.Parse(fields[n], CultureInfo.InvariantCulture);
            double flops = double.Parse(fields[c], CultureInfo.InvariantCulture);
            runs.Add(new Run($"line{i + 1}", parameters, flops / (6 * parameters), flops, double.Parse(fields[loss], CultureInfo.InvariantCulture)));
        }
        return new RunSet(runs);
    }

    /// <summary>The CS336 IsoFLOP points: <c>parameters</c>, <c>compute_budget</c>, <c>final_loss</c>; the budget is
    /// both C and (when <paramref name="labelled"/>) the run's budget label; D = C/(6N).</summary>
    public static RunSet LoadCs336(bool labelled = true)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf(Cs336)));
        var runs = doc.RootElement.EnumerateArray().Select((e, i) =>
        {
            double parameters = e.GetProperty("parameters").GetDouble();
            double budget = e.GetProperty("compute_budget").GetDouble();
            return new Run($"point{i}", parameters, budget / (6 * parameters), budget, e.GetProperty("final_loss").GetDouble(), labelled ? budget : null);
        }).ToArray();
        return new RunSet(runs);
    }

    /// <summary>Writes runs as the plain sweep CSV approach2.py reads (<c>params,tokens,loss</c>).</summary>
    public static string WriteSweepCsv(RunSet runs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalingfit-isoflop-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("params,tokens,loss\n");
        foreach (var r in runs.Runs)
            text.Append(r.ParameterCount.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.TokenCount.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Loss.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
