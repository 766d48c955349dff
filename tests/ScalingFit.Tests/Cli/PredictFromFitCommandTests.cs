using System.Text.Json.Nodes;
using ScalingFit.Tests.Fitting.Checks;

namespace ScalingFit.Tests.Cli;

/// <summary>predict --fit: predictions from the loss frontiers a fit stored, without the data and without refitting.</summary>
public class PredictFromFitCommandTests
{
    private static string SampleIsoFlop => PlausibilityChecksTests.RepositoryFile("data", "samples", "sample-isoflop.csv");

    private static string SampleCurves => PlausibilityChecksTests.RepositoryFile("data", "samples", "sample-curves.csv");

    /// <summary>Fit options that keep the test quick; both paths get the same.</summary>
    private static readonly string[] Quick = ["--bootstrap", "100", "--grid", "coarse", "--seed", "3"];

    private static readonly string[] Targets = ["--budget", "1e22,1e24", "--at", "7e10:1.4e12"];

    [Fact]
    public void PredictFromFit_FitAllJsonOfTheSamples_GivesTheNumbersOfPredictFromInput()
    {
        using var temp = new TempFolder();
        string fitJson = temp.File("fit.json"), fromInput = temp.File("input.json"), fromFit = temp.File("fromfit.json"), again = temp.File("again.json");
        Assert.Equal(0, CliRunner.Run(["fit", "all", "--input", SampleIsoFlop, "--curves", SampleCurves, .. Quick, "--json", fitJson]).ExitCode);

        var input = CliRunner.Run(["predict", "--input", SampleIsoFlop, "--curves", SampleCurves, .. Quick, .. Targets, "--json", fromInput]);
        var fit = CliRunner.Run(["predict", "--fit", fitJson, .. Targets, "--json", fromFit]);
        var reread = CliRunner.Run(["predict", "--fit", fromFit, .. Targets, "--json", again]);

        Assert.Equal((0, 0, 0), (input.ExitCode, fit.ExitCode, reread.ExitCode));
        Assert.Contains("3. parametric fit", fit.Out);
        Assert.Contains("1. training-curve envelope", fit.Out);
        Assert.Equal(input.Out, fit.Out);
        Assert.Equal(input.Error, fit.Error);
        Assert.Equal(File.ReadAllText(fromInput), File.ReadAllText(fromFit));
        // predict --json carries the blocks too, so its output reads back to the same predictions.
        Assert.Equal(File.ReadAllText(fromInput), File.ReadAllText(again));
    }

    [Fact]
    public void PredictFromFit_ReportFolderResultsJson_GivesTheNumbersOfPredictFromInput()
    {
        using var temp = new TempFolder();
        string folder = temp.File("report");
        string[] quick = ["--bootstrap", "50"];
        Assert.Equal(0, CliRunner.Run(["fit", "isoflop", "--input", SampleIsoFlop, .. quick, "--out", folder, "--format", "svg"]).ExitCode);

        var input = CliRunner.Run(["predict", "--input", SampleIsoFlop, "--approach", "isoflop", .. quick, "--budget", "1e22,1e23"]);
        var fit = CliRunner.Run("predict", "--fit", Path.Combine(folder, "results.json"), "--budget", "1e22,1e23");

        Assert.Equal((0, 0), (input.ExitCode, fit.ExitCode));
        Assert.Contains("2. IsoFLOP profiles", fit.Out);
        Assert.Equal(input.Out, fit.Out);
    }

    [Fact]
    public void PredictFromFit_ApproachOption_SelectsOneStoredFit()
    {
        using var temp = new TempFolder();
        string fitJson = temp.File("fit.json");
        Assert.Equal(0, CliRunner.Run(["fit", "all", "--input", SampleIsoFlop, .. Quick, "--json", fitJson]).ExitCode);

        var (code, stdout, _) = CliRunner.Run("predict", "--fit", fitJson, "--approach", "isoflop", "--budget", "1e22");

        Assert.Equal(0, code);
        Assert.Contains("2. IsoFLOP profiles", stdout);
        Assert.DoesNotContain("3. parametric fit", stdout);
    }

    [Fact]
    public void PredictFromFit_WithInputOrFitOptions_IsAUsageError()
    {
        using var temp = new TempFolder();
        string fitJson = temp.File("fit.json");
        File.WriteAllText(fitJson, "{\"results\": []}");

        var withInput = CliRunner.Run("predict", "--fit", fitJson, "--input", SampleIsoFlop, "--budget", "1e22");
        var withPin = CliRunner.Run("predict", "--fit", fitJson, "--pin-e", "1.6", "--budget", "1e22");

        Assert.Equal(2, withInput.ExitCode);
        Assert.StartsWith("error: --fit fit.json predicts from stored frontiers; --input belongs to fitting from data.", withInput.Error);
        Assert.Equal(2, withPin.ExitCode);
        Assert.Contains("--pin-e belongs to fitting from data", withPin.Error);
    }

    [Theory]
    [InlineData("older", "its results carry no lossFrontier block", "scalingfit fit all --input DATA --json FILE")]
    [InlineData("allocate", "it has no \"results\" or \"predictions\" array", "'scalingfit fit'")]
    [InlineData("grouped", "it is a grouped fit (--group-by)", "scalingfit predict --input DATA --where")]
    [InlineData("malformed", "it is not valid JSON (line 2, column", "")]
    [InlineData("broken", "the isoflop result's lossFrontier does not parse: \"gamma\" is missing", "scalingfit fit all")]
    [InlineData("missing", "file not found", "scalingfit fit all --input DATA --json FILE")]
    public void PredictFromFit_UnusableFile_IsOneErrorLineWithExit2(string kind, string problem, string remedy)
    {
        using var temp = new TempFolder();
        string file = temp.File(kind + ".json");
        switch (kind)
        {
            case "older":
                File.WriteAllText(file, "{\"results\": [{\"approach\": \"isoflop\", \"a\": {\"value\": 0.45, \"low\": null, \"high\": null}}]}");
                break;
            case "allocate":
                Assert.Equal(0, CliRunner.Run("allocate", "--paper", "--budget", "1e24", "--json", file).ExitCode);
                break;
            case "grouped":
                File.WriteAllText(file, "{\"results\": [{\"group\": \"a\", \"approach\": \"isoflop\"}], \"groups\": []}");
                break;
            case "malformed":
                File.WriteAllText(file, "{\"results\": [\n  {\"approach\": \"isoflop\",}\n]}");
                break;
            case "broken":
                Assert.Equal(0, CliRunner.Run(["fit", "isoflop", "--input", SampleIsoFlop, "--bootstrap", "20", "--json", file]).ExitCode);
                var node = JsonNode.Parse(File.ReadAllText(file))!;
                node["results"]![0]!["lossFrontier"]!["curve"]!.AsObject().Remove("gamma");
                File.WriteAllText(file, node.ToJsonString());
                break;
        }

        var (code, stdout, error) = CliRunner.Run("predict", "--fit", file, "--budget", "1e22");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", error);
        Assert.Contains(problem, error);
        Assert.Contains(remedy, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain(" at ScalingFit", error);
    }
}
