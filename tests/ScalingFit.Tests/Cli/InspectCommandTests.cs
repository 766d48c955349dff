using System.Text.Json;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Cli;

public class InspectCommandTests
{
    [SharedDataFact]
    public void Inspect_Figure4File_WritesJsonWith245Runs()
    {
        using var temp = new TempFolder();
        var json = temp.File("out.json");

        var (code, output, _) = CliRunner.Run("inspect", "--input", SharedData.PathOf("chinchilla_figure4_epoch.csv"), "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(245, doc.RootElement.GetProperty("runs").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("curves").GetInt32());
        Assert.Equal(245, doc.RootElement.GetProperty("points").GetInt32());
        Assert.Contains("245 runs", output);
    }

    [SharedDataFact]
    public void Inspect_GemstonesCurves_Counts22CurvesOf1100Points()
    {
        using var temp = new TempFolder();
        var json = temp.File("out.json");

        var (code, _, _) = CliRunner.Run("inspect", "--input", SharedData.PathOf("gemstones_curves_hot_477.jsonl"), "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(22, doc.RootElement.GetProperty("runs").GetInt32());
        Assert.Equal(22, doc.RootElement.GetProperty("curves").GetInt32());
        Assert.Equal(1100, doc.RootElement.GetProperty("points").GetInt32());
    }

    [SharedDataFact]
    public void Inspect_Cs336IsoFlops_RecognisesNineBudgets()
    {
        var (code, output, _) = CliRunner.Run("inspect", "--input", SharedData.PathOf("cs336_isoflops.json"));

        Assert.Equal(0, code);
        Assert.Contains("72 runs", output);
        Assert.Contains("(9)", output);
    }

    [Fact]
    public void Inspect_ThirdLineHasTextForLoss_ExitsTwoNamingFileAndLine3()
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.csv");
        File.WriteAllText(path, "params,tokens,loss\n1e8,2e9,3.1\n2e8,4e9,abc\n");
        var json = temp.File("out.json");

        var (code, _, error) = CliRunner.Run("inspect", "--input", path, "--json", json);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.Contains(path, error);
        Assert.Contains("line 3", error);
        Assert.Contains("loss", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void Inspect_MissingFile_ExitsTwoWithOneErrorLine()
    {
        var (code, _, error) = CliRunner.Run("inspect", "--input", "/nonexistent/runs.csv");

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.Contains("/nonexistent/runs.csv", error);
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("fit", "parametric")]
    [InlineData("frobnicate")]
    [InlineData("fit", "parametric", "--input", "x.csv", "--bootstrap", "many")]
    public void UsageErrors_ExitTwoWithErrorLine(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
