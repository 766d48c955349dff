using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Fitting.Envelope;

/// <summary>
/// A private loader for the Gemstones curves (the project's importer is written elsewhere) and the bridge to the
/// Python reference approach1.py, which reads curves as CSV <c>run,params,tokens,loss</c>.
/// </summary>
internal static class CurveFiles
{
    public const string Gemstones = "gemstones_curves_hot_477.jsonl";

    /// <summary>Reads the JSONL: run_name, params_active_precise, tokens, final_loss (the loss at that checkpoint).</summary>
    public static RunSet LoadGemstones()
    {
        var points = new Dictionary<string, (double N, List<CurvePoint> Points)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in File.ReadLines(SharedData.PathOf(Gemstones)))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            string run = e.GetProperty("run_name").GetString()!;
            if (!points.TryGetValue(run, out var entry))
            {
                entry = (e.GetProperty("params_active_precise").GetDouble(), new List<CurvePoint>());
                points[run] = entry;
                order.Add(run);
            }
            entry.Points.Add(new CurvePoint(e.GetProperty("tokens").GetDouble(), e.GetProperty("final_loss").GetDouble()));
        }
        var curves = order.Select(r => new TrainingCurve(r, points[r].N, points[r].Points.OrderBy(p => p.TokenCount).ToArray())).ToArray();
        var runs = curves.Select(c => new Run(c.RunId, c.ParameterCount, c.FinalTokenCount, FlopRule.Default.Flops(c.ParameterCount, c.FinalTokenCount), c.FinalLoss)).ToArray();
        return new RunSet(runs, curves, FlopRule.Default);
    }

    /// <summary>Writes the curves as approach1.py's CSV, with round-trip precision.</summary>
    public static string WriteCsv(RunSet runs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scalingfit-envelope-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("run,params,tokens,loss\n");
        foreach (var c in runs.Curves)
            foreach (var p in c.Points)
                text.Append(c.RunId).Append(',').Append(c.ParameterCount.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.TokenCount.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(p.Loss.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Runs approach1.py on the curves with the given smoothing width; returns its a, b and point count.</summary>
    public static (double A, double B, int Points) RunReference(RunSet runs, int smooth)
    {
        var path = WriteCsv(runs);
        try
        {
            var (code, stdout) = PythonReference.Run("approach1.py", path, smooth.ToString(CultureInfo.InvariantCulture));
            Assert.True(code == 0, $"approach1.py exited with {code}: {stdout}");
            using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var root = doc.RootElement;
            return (root.GetProperty("a").GetDouble(), root.GetProperty("b").GetDouble(), root.GetProperty("points").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
