using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Tests.Fitting.Checks;
using ScalingFit.Tests.TestSupport;

namespace ScalingFit.Tests.Cli;

/// <summary>Plausibility checks, --strict, output paths checked first, provenance, --paper-data, --edge-rule, allocate from any fit.</summary>
public class HonestResultsCommandTests
{
    private static string SampleIsoFlop => PlausibilityChecksTests.RepositoryFile("data", "samples", "sample-isoflop.csv");

    private static string SampleCurves => PlausibilityChecksTests.RepositoryFile("data", "samples", "sample-curves.csv");

    /// <summary>The IsoFLOP sample without its budget column, plus one row at N = 1 (the issue's example).</summary>
    private static string WriteLoneRunFile(TempFolder temp)
    {
        var lines = File.ReadAllLines(SampleIsoFlop).Select(l => string.Join(',', l.Split(',').Take(5))).ToList();
        lines.Add("lone,1,1e12,6e12,9.5");
        string path = temp.File("lone.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void FitAll_SingleRowAtNEqualsOne_WarnsAndMarksEveryExponent()
    {
        using var temp = new TempFolder();
        string json = temp.File("fit.json");

        var (code, output, _) = CliRunner.Run("fit", "all", "--input", WriteLoneRunFile(temp), "--bootstrap", "100", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("warning [lone-size]: Run lone is the only row with N = 1e+0", output);
        Assert.Contains("⚠ Plausibility checks failed for 1 of 2 result(s)", output);
        Assert.Matches(@"3\. parametric fit\s*│\s*⚠ 0\.\d+", output); // no bare confident a in the summary table
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var parametric = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("approach").GetString() == "parametric");
        var codes = parametric.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToArray();
        Assert.Contains("lone-size", codes);
        Assert.Contains("optimum-tokens-per-parameter", codes);
        Assert.Contains("interval-at-bound", codes);
    }

    [Fact]
    public void FitAll_StrictWithAWarning_ExitsOneAfterWritingTheResults()
    {
        using var temp = new TempFolder();
        string json = temp.File("fit.json");

        var (code, output, error) = CliRunner.Run("fit", "all", "--input", WriteLoneRunFile(temp), "--bootstrap", "50", "--json", json, "--strict");

        Assert.Equal(1, code);
        Assert.StartsWith("error: --strict:", error.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.Contains("lone-size", error);
        Assert.Contains("Plausibility checks", output);
        Assert.True(File.Exists(json));
    }

    [Fact]
    public void Reproduce_CleanSamplesStrict_PassesEveryCheckAndExitsZero()
    {
        var (code, output, error) = CliRunner.Run("reproduce", "--bootstrap", "200", "--strict");

        Assert.True(code == 0, error);
        Assert.Contains("Plausibility checks: all passed for 3 result(s).", output);
    }

    public static TheoryData<string, string> BadOutputs => new()
    {
        { "--json", "FOLDER" },                       // a folder where a file is wanted
        { "--json", "FILE/below/results.json" },      // a folder that cannot be created (a file is in the way)
        { "--out", "FILE" },                          // a file where a folder is wanted
        { "--out", "/proc/scalingfit-test/report" },  // a place nobody can create a folder in
    };

    [Theory]
    [MemberData(nameof(BadOutputs))]
    public void Fit_UnwritableOutput_ExitsTwoBeforeAnyFitting(string option, string where)
    {
        using var temp = new TempFolder();
        string file = temp.File("a-file.txt");
        File.WriteAllText(file, "x");
        string path = where.Replace("FOLDER", temp.Path, StringComparison.Ordinal).Replace("FILE", file, StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();

        // The paper grid with 5,000 resamples would take many seconds: an error in well under that means nothing was fitted.
        var (code, output, error) = CliRunner.Run("fit", "parametric", "--input", SampleIsoFlop, "--bootstrap", "5000", option, path);

        Assert.Equal(2, code);
        Assert.StartsWith("error: " + option, error);
        Assert.Contains("Nothing was fitted.", error);
        Assert.Equal("", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    public static TheoryData<string[]> OtherCommandsWithBadOutputs => new()
    {
        new[] { "reproduce", "--json", "FOLDER" },
        new[] { "reproduce", "--paper-data", "--out", "FILE" },
        new[] { "report", "--input", "SAMPLE", "--out", "FILE" },
        new[] { "inspect", "--input", "SAMPLE", "--json", "FOLDER" },
        new[] { "allocate", "--paper", "--budget", "1e21", "--json", "FOLDER" },
    };

    [Theory]
    [MemberData(nameof(OtherCommandsWithBadOutputs))]
    public void EveryCommand_UnwritableOutput_ExitsTwoBeforeReadingOrFitting(string[] args)
    {
        using var temp = new TempFolder();
        string file = temp.File("a-file.txt");
        File.WriteAllText(file, "x");
        var resolved = args.Select(a => a switch { "FOLDER" => temp.Path, "FILE" => file, "SAMPLE" => SampleIsoFlop, _ => a }).ToArray();

        var (code, output, error) = CliRunner.Run(resolved);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --", error);
        Assert.Contains("Nothing was fitted.", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Reproduce_PaperDataWithInput_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("reproduce", "--paper-data", "--input", SampleIsoFlop);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --paper-data fits the embedded Figure-4 points; give either --paper-data or --input/--curves, not both.", error);
    }

    [Fact]
    public void FitOut_ReportFolder_CarriesProvenanceAndPlausibilityChecks()
    {
        using var temp = new TempFolder();
        string folder = temp.File("report");

        var (code, _, error) = CliRunner.Run("fit", "isoflop", "--input", SampleIsoFlop, "--bootstrap", "20", "--seed", "3", "--format", "svg", "--out", folder);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        Assert.Equal("fit isoflop", doc.RootElement.GetProperty("provenance").GetProperty("command").GetString());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("results")[0].GetProperty("checks").ValueKind);
        Assert.Contains("Plausibility checks", File.ReadAllText(Path.Combine(folder, "report-isoflop.txt")));
        Assert.Contains("Plausibility checks", File.ReadAllText(Path.Combine(folder, "index.html")));
    }

    [Fact]
    public void FitJson_HasProvenance_WithTheInputsSha256AndEveryOption()
    {
        using var temp = new TempFolder();
        string json = temp.File("fit.json");

        var (code, _, error) = CliRunner.Run("fit", "isoflop", "--input", SampleIsoFlop, "--bootstrap", "20", "--seed", "3", "--threads", "1", "--json", json);

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var p = doc.RootElement.GetProperty("provenance");
        Assert.Equal("scalingfit", p.GetProperty("tool").GetString());
        Assert.False(string.IsNullOrEmpty(p.GetProperty("version").GetString()));
        Assert.Equal("fit isoflop", p.GetProperty("command").GetString());
        var input = Assert.Single(p.GetProperty("inputs").EnumerateArray());
        Assert.Equal(Path.GetFullPath(SampleIsoFlop), input.GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SampleIsoFlop))), input.GetProperty("sha256").GetString());
        Assert.Equal(81, input.GetProperty("rowsRead").GetInt32());
        Assert.Equal(81, input.GetProperty("rowsKept").GetInt32());
        Assert.Equal(0, input.GetProperty("rowsSkipped").GetInt32());
        var options = p.GetProperty("options");
        Assert.Equal("3", options.GetProperty("seed").GetString());
        Assert.Equal("1", options.GetProperty("threads").GetString());
        Assert.Equal("20", options.GetProperty("bootstrap").GetString());
        Assert.Equal("0.03", options.GetProperty("budget-tolerance").GetString()); // defaults are recorded too
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("results")[0].GetProperty("checks").ValueKind);
    }

    [Fact]
    public void FitAllJson_Provenance_ListsSkippedApproachesWithReasons()
    {
        using var temp = new TempFolder();
        string json = temp.File("fit.json");

        var (code, _, _) = CliRunner.Run("fit", "all", "--input", SampleIsoFlop, "--bootstrap", "0", "--json", json);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var skipped = Assert.Single(doc.RootElement.GetProperty("provenance").GetProperty("skipped").EnumerateArray());
        Assert.StartsWith("envelope", skipped.GetProperty("approach").GetString());
        Assert.Contains("needs training curves", skipped.GetProperty("reason").GetString());
    }

    [Fact]
    public void Reproduce_UsersOwnFile_KeepsEveryRowUnlessAsked()
    {
        using var temp = new TempFolder();
        string json = temp.File("repro.json");

        var (code, _, error) = CliRunner.Run("reproduce", "--input", SampleIsoFlop, "--bootstrap", "0", "--json", json);

        Assert.True(code == 0, error);
        Assert.DoesNotContain("dropping", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var parametric = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("approach").GetString() == "parametric");
        Assert.Equal(0, parametric.GetProperty("dropped").GetInt32());
        Assert.Equal(81, parametric.GetProperty("points").GetInt32());
    }

    [Fact]
    public void FitEnvelope_EdgeRule_ChoosesWhichPointsAreLeftOut()
    {
        using var temp = new TempFolder();
        double A(string rule)
        {
            string json = temp.File($"{rule}.json");
            var (code, _, error) = CliRunner.Run("fit", "envelope", "--input", SampleCurves, "--bootstrap", "0", "--edge-rule", rule, "--json", json);
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            return doc.RootElement.GetProperty("results")[0].GetProperty("a").GetProperty("value").GetDouble();
        }

        Assert.NotEqual(A("ranges"), A("points"));
        var (bad, _, message) = CliRunner.Run("fit", "envelope", "--input", SampleCurves, "--edge-rule", "edges");
        Assert.Equal(2, bad);
        Assert.StartsWith("error: --edge-rule edges: use ranges", message);
    }

    [Theory]
    [InlineData("isoflop")]
    [InlineData("envelope")]
    public void Allocate_FromIsoFlopOrEnvelopeJson_GivesTheFitsNOptAndItsBootstrapInterval(string approach)
    {
        using var temp = new TempFolder();
        string fitJson = temp.File("fit.json"), allocJson = temp.File("alloc.json");
        string input = approach == "isoflop" ? SampleIsoFlop : SampleCurves;
        var (fitCode, _, fitError) = CliRunner.Run("fit", approach, "--input", input, "--bootstrap", "300", "--json", fitJson);
        Assert.True(fitCode == 0, fitError);

        var (code, output, error) = CliRunner.Run("allocate", "--fit", fitJson, "--budget", "1e21,1e24", "--json", allocJson);

        Assert.True(code == 0, error);
        Assert.Contains($"({approach})", output);
        using var fit = JsonDocument.Parse(File.ReadAllText(fitJson));
        var result = fit.RootElement.GetProperty("results")[0];
        using var alloc = JsonDocument.Parse(File.ReadAllText(allocJson));
        var rows = alloc.RootElement.GetProperty("allocations");
        // The fit's own N_opt(C) and D_opt(C), from the frontier it wrote at 1e21 and 1e24.
        foreach (var (row, flops) in new[] { (rows[0], 1e21), (rows[1], 1e24) })
        {
            var point = result.GetProperty("frontier").EnumerateArray().Single(p => p.GetProperty("flops").GetDouble() == flops);
            double n = point.GetProperty("params").GetDouble(), d = point.GetProperty("tokens").GetDouble();
            Assert.Equal(n, row.GetProperty("params").GetProperty("value").GetDouble(), n * 1e-12);
            Assert.Equal(d, row.GetProperty("tokens").GetProperty("value").GetDouble(), d * 1e-12);
            // The interval: 2.5th and 97.5th percentiles of exp(lnk_s + a_s·ln C) over the fit's resamples, computed here.
            var law = result.GetProperty("frontierLaw").GetProperty("bootstrap");
            var a = law.GetProperty("a").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            var k = law.GetProperty("lnkN").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(300, a.Length);
            var ns = a.Select((ai, s) => Math.Exp(k[s] + ai * Math.Log(flops))).Order().ToArray();
            Assert.Equal(Percentile.OfSorted(ns, 0.025), row.GetProperty("params").GetProperty("low").GetDouble(), n * 1e-12);
            Assert.Equal(Percentile.OfSorted(ns, 0.975), row.GetProperty("params").GetProperty("high").GetDouble(), n * 1e-12);
            Assert.True(row.GetProperty("tokens").GetProperty("low").GetDouble() < d && d < row.GetProperty("tokens").GetProperty("high").GetDouble());
        }
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("extrapolation").ValueKind);
        double largest = result.GetProperty("frontierLaw").GetProperty("largestDataBudget").GetDouble();
        Assert.Equal(1e24 / largest, rows[1].GetProperty("extrapolation").GetDouble(), 9);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"warning: C = 1.00e+24 is {(1e24 / largest).ToString(1e24 / largest >= 100 ? "#,0" : "0.#", CultureInfo.InvariantCulture)}× the largest budget in the data"), error);
    }

    [Fact]
    public void Allocate_LossFromAnIsoFlopFit_ExitsTwoSayingItHasNoLossModel()
    {
        using var temp = new TempFolder();
        string fitJson = temp.File("fit.json");
        Assert.Equal(0, CliRunner.Run("fit", "isoflop", "--input", SampleIsoFlop, "--bootstrap", "0", "--json", fitJson).ExitCode);

        var (code, _, error) = CliRunner.Run("allocate", "--fit", fitJson, "--loss", "2.5");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --loss: the isoflop fit gives N_opt ∝ C^a, not a loss model", error);
    }

    [Fact]
    public void Reproduce_PaperData_FitsTheEmbeddedFigure4PointsWithEpochsDropSaidInANote()
    {
        using var temp = new TempFolder();
        string json = temp.File("paper.json");

        var (code, output, error) = CliRunner.Run("reproduce", "--paper-data", "--bootstrap", "200", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("--paper-data: dropping the 5 runs with the highest loss, as Epoch AI's replication did", error);
        Assert.Contains("skipped envelope", error);
        Assert.Contains("3. parametric fit", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var parametric = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("approach").GetString() == "parametric");
        Assert.Equal(240, parametric.GetProperty("points").GetInt32());
        Assert.InRange(parametric.GetProperty("a").GetProperty("value").GetDouble(), 0.50, 0.53);
        var input = Assert.Single(doc.RootElement.GetProperty("provenance").GetProperty("inputs").EnumerateArray());
        Assert.Equal(245, input.GetProperty("rowsRead").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PlausibilityChecksTests.RepositoryFile("data", "paper", "chinchilla-figure4-epoch.csv")))),
            input.GetProperty("sha256").GetString());
    }

    [SharedDataFact]
    public void Reproduce_PaperData_EqualsTheSharedFigure4FileWithFiveDropped()
    {
        using var temp = new TempFolder();
        string embedded = temp.File("embedded.json"), shared = temp.File("shared.json");

        var first = CliRunner.Run("reproduce", "--paper-data", "--bootstrap", "100", "--json", embedded);
        var second = CliRunner.Run("reproduce", "--input", SharedData.PathOf("chinchilla_figure4_epoch.csv"), "--drop-highest", "5", "--bootstrap", "100", "--json", shared);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        using var a = JsonDocument.Parse(File.ReadAllText(embedded));
        using var b = JsonDocument.Parse(File.ReadAllText(shared));
        // Everything but the provenance (paths, options) is the same, byte for byte.
        Assert.Equal(a.RootElement.GetProperty("results").GetRawText(), b.RootElement.GetProperty("results").GetRawText());
    }

    [SharedDataFact]
    public void PaperData_EmbeddedFile_HoldsTheSharedFilesModelSizeFlopAndLossVerbatim()
    {
        var shared = File.ReadAllLines(SharedData.PathOf("chinchilla_figure4_epoch.csv"));
        var header = shared[0].Split(',');
        int n = Array.IndexOf(header, "Model Size"), c = Array.IndexOf(header, "Training FLOP"), loss = Array.IndexOf(header, "loss");
        var expected = shared.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => $"{f[n]},{f[c]},{f[loss]}");

        var embedded = File.ReadAllLines(PlausibilityChecksTests.RepositoryFile("data", "paper", "chinchilla-figure4-epoch.csv"));

        Assert.Equal("Model Size,Training FLOP,loss", embedded[0]);
        Assert.Equal(expected, embedded.Skip(1));
        Assert.Equal(245, embedded.Length - 1);
    }
}
