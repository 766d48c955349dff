using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Cli;

public class ReproduceCommandTests
{
    [Fact]
    public void Reproduce_NoArguments_PrintsBothTablesAndEveryIntervalContainsTheSimulatedExponent()
    {
        using var temp = new TempFolder();
        var json = temp.File("repro.json");

        var (code, output, _) = CliRunner.Run("reproduce", "--json", json, "--out", temp.File("out"));

        Assert.Equal(0, code);
        Assert.Contains("Exponents of the compute-optimal frontier", output);
        Assert.Contains("Table 3", output);
        Assert.Contains("0.46 (0.454, 0.455)", output);
        double truth = ParametricLaw.Paper.ExponentA;
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["envelope", "isoflop", "parametric"], results.Select(r => r.GetProperty("approach").GetString()));
        foreach (var r in results)
        {
            var a = r.GetProperty("a");
            Assert.InRange(truth, a.GetProperty("low").GetDouble(), a.GetProperty("high").GetDouble());
        }
        foreach (var file in new[] { "table2.md", "table2.csv", "table3.md", "table3.csv", "results.json" })
            Assert.True(File.Exists(Path.Combine(temp.File("out"), file)), file);
    }

    [SharedDataFact]
    public void Reproduce_Figure4Points_ShowsEpochsFindingOfAboutHalfNotPoint46()
    {
        using var temp = new TempFolder();
        var json = temp.File("repro.json");

        var (code, _, error) = CliRunner.Run("reproduce", "--input", SharedData.PathOf("chinchilla_figure4_epoch.csv"),
            "--bootstrap", "200", "--drop-highest", "5", "--json", json);

        Assert.Equal(0, code);
        Assert.DoesNotContain("dropping the 5 runs", error); // asked for explicitly: no note about a silent default
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var parametric = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("approach").GetString() == "parametric");
        var a = parametric.GetProperty("a");
        Assert.InRange(a.GetProperty("value").GetDouble(), 0.50, 0.53);
        Assert.True(a.GetProperty("low").GetDouble() > 0.46, "the interval should exclude the paper's 0.46");
        var isoflop = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("approach").GetString() == "isoflop");
        Assert.InRange(isoflop.GetProperty("a").GetProperty("value").GetDouble(), 0.485, 0.505);
    }
}
