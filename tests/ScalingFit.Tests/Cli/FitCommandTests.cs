using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Cli;

public class FitCommandTests
{
    public static TheoryData<string, long> Laws => new()
    {
        { "1.69,406.4,410.7,0.34,0.28", 11 },
        { "1.8172,477.8,2143.9,0.3473,0.3672", 12 },
        { "1.7,300,1000,0.30,0.40", 13 },
        { "2.0,800,500,0.40,0.30", 14 },
    };

    [Theory]
    [MemberData(nameof(Laws))]
    public void SimulateThenFitAll_IsoFlopDesign_RecoversTheSimulatedExponent(string law, long seed)
    {
        using var temp = new TempFolder();
        var sweep = temp.File("sweep.csv");
        var json = temp.File("fit.json");
        var v = law.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        double truth = new ParametricLaw(v[0], v[1], v[2], v[3], v[4]).ExponentA;

        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--law", law, "--noise", "0.003", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--output", sweep).ExitCode);
        var (code, _, error) = CliRunner.Run("fit", "all", "--input", sweep, "--bootstrap", "0", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("skipped envelope", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("approach").GetString()!);
        Assert.Equal(["isoflop", "parametric"], results.Keys.Order());
        Assert.InRange(results["isoflop"].GetProperty("a").GetProperty("value").GetDouble(), truth - 0.03, truth + 0.03);
        Assert.InRange(results["parametric"].GetProperty("a").GetProperty("value").GetDouble(), truth - 0.02, truth + 0.02);
    }

    [Fact]
    public void SimulateThenFitAll_CurvesDesign_RunsTheEnvelopeAndRecoversExponent()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("curves.jsonl");
        var json = temp.File("fit.json");
        double truth = ParametricLaw.Paper.ExponentA;

        Assert.Equal(0, CliRunner.Run("simulate", "--design", "curves", "--paper", "--noise", "0.003", "--seed", "5", "--output", sweep).ExitCode);
        var (code, _, _) = CliRunner.Run("fit", "all", "--input", sweep, "--bootstrap", "0", "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var envelope = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("approach").GetString() == "envelope");
        Assert.InRange(envelope.GetProperty("a").GetProperty("value").GetDouble(), truth - 0.05, truth + 0.05);
    }

    [Fact]
    public void FitParametric_Json_HasTheContractFields()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("grid.csv");
        var json = temp.File("fit.json");
        CliRunner.Run("simulate", "--design", "grid", "--paper", "--seed", "3", "--output", sweep);

        var (code, output, _) = CliRunner.Run("fit", "parametric", "--input", sweep, "--bootstrap", "50", "--seed", "1", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("Coefficients", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement.GetProperty("results")[0];
        Assert.Equal("parametric", r.GetProperty("approach").GetString());
        foreach (var name in new[] { "a", "b" })
            foreach (var field in new[] { "value", "low", "high" })
                Assert.Equal(JsonValueKind.Number, r.GetProperty(name).GetProperty(field).ValueKind);
        Assert.Equal(0.95, r.GetProperty("level").GetDouble());
        Assert.Equal(64, r.GetProperty("points").GetInt32());
        foreach (var c in new[] { "E", "A", "B", "alpha", "beta" })
            Assert.True(r.GetProperty("coefficients").GetProperty(c).GetDouble() > 0);
        Assert.True(r.GetProperty("objective").GetDouble() >= 0);
    }

    [Fact]
    public void FitParametric_NoBootstrap_WritesNullInterval()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("grid.csv");
        var json = temp.File("fit.json");
        CliRunner.Run("simulate", "--design", "grid", "--paper", "--seed", "3", "--output", sweep);

        CliRunner.Run("fit", "parametric", "--input", sweep, "--bootstrap", "0", "--grid", "coarse", "--json", json);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("results")[0].GetProperty("a").GetProperty("low").ValueKind);
    }

    [Fact]
    public void Fit_BadInput_LeavesAnExistingOutputFileUntouched()
    {
        using var temp = new TempFolder();
        var bad = temp.File("bad.csv");
        File.WriteAllText(bad, "params,tokens,loss\n1e8,2e9,3.1\n2e8,4e9,NaN\n");
        var json = temp.File("fit.json");
        File.WriteAllText(json, "previous results");

        var (code, _, error) = CliRunner.Run("fit", "parametric", "--input", bad, "--json", json);

        Assert.Equal(2, code);
        Assert.Contains("line 3", error);
        Assert.Equal("previous results", File.ReadAllText(json));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp*"));
    }

    [Fact]
    public void FitEnvelope_FinalLossesOnly_ExitsOneSayingCurvesAreNeeded()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("iso.csv");
        CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--output", sweep);

        var (code, _, error) = CliRunner.Run("fit", "envelope", "--input", sweep, "--bootstrap", "0");

        Assert.Equal(1, code);
        Assert.Contains("training curves", error);
    }

    [SharedDataFact]
    public void FitParametric_Figure4DropFive_ReportsEpochOptimum()
    {
        using var temp = new TempFolder();
        var json = temp.File("fit.json");

        var (code, _, _) = CliRunner.Run("fit", "parametric", "--input", SharedData.PathOf("chinchilla_figure4_epoch.csv"),
            "--drop-highest", "5", "--bootstrap", "200", "--seed", "0", "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement.GetProperty("results")[0];
        Assert.Equal(240, r.GetProperty("points").GetInt32());
        Assert.InRange(r.GetProperty("objective").GetDouble(), 0, 1.0182741e-3);
        Assert.InRange(r.GetProperty("a").GetProperty("value").GetDouble(), 0.513, 0.515);
        Assert.Equal(1.8172, r.GetProperty("coefficients").GetProperty("E").GetDouble(), 0.0005);
    }
}
