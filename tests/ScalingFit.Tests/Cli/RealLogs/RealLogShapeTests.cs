using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli.RealLogs;

/// <summary>
/// The five shapes of real sweep logs (issue 10), each fitted end to end through the command line with the flags a
/// researcher would write, recovering the law the file was simulated from.
/// </summary>
public class RealLogShapeTests
{
    private static JsonElement Result(string json, string approach, string? group = null) =>
        JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("approach").GetString() == approach && (group is null || r.GetProperty("group").GetString() == group));

    private static (double Value, double Low, double High) A(JsonElement result)
    {
        var a = result.GetProperty("a");
        return (a.GetProperty("value").GetDouble(), a.GetProperty("low").GetDouble(), a.GetProperty("high").GetDouble());
    }

    private static void AssertRecovers(double truth, (double Value, double Low, double High) a, double tolerance)
    {
        Assert.InRange(truth, a.Low, a.High);
        Assert.InRange(a.Value, truth - tolerance, truth + tolerance);
    }

    [Fact]
    public void WandbExport_BudgetFromNameForwardGflopsAndSelection_RecoversTheExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("wandb_export.csv");
        var json = temp.File("fit.json");
        var law = LogShapes.WandbExport(file);

        var (code, _, error) = CliRunner.Run("fit", "isoflop", "--input", file,
            "--column", "c=throughput/total_gflops", "--flops-scale", "3e9",
            "--budget-from", "Name:isoflop-([0-9.e+]+)-", "--budget-scale", "3",
            "--where", "Name !~ \"validation-optimal\"", "--bootstrap", "300", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("removed 4 of 49 rows", error);
        Assert.Contains("using 'eval/paloma/macro_loss' as the loss", error);
        var result = Result(json, "isoflop");
        AssertRecovers(law.ExponentA, A(result), 0.03);
        var budgets = result.GetProperty("budgets").EnumerateArray().Select(b => b.GetProperty("flops").GetDouble()).ToArray();
        Assert.Equal([6e18, 1.8e19, 6e19, 1.8e20, 6e20], budgets, (x, y) => Math.Abs(x - y) < 1e-3 * y);
    }

    [Fact]
    public void WandbExport_WithoutTheSelection_TheValidationRunsCarryNoBudgetAndAreNamed()
    {
        using var temp = new TempFolder();
        var file = temp.File("wandb_export.csv");
        LogShapes.WandbExport(file);

        var (code, _, error) = CliRunner.Run("inspect", "--input", file, "--column", "c=throughput/total_gflops", "--flops-scale", "3e9",
            "--budget-from", "Name:isoflop-([0-9.e+]+)-", "--budget-scale", "3");

        Assert.Equal(0, code);
        Assert.Contains("4 rows did not match and carry no FLOP budget", error);
        Assert.Contains("validation-optimal-d1024", error);
    }

    [Fact]
    public void Experiments_GroupByExperimentWithoutOutliers_RecoversEachExperimentsExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("experiments.csv");
        var json = temp.File("fit.json");
        var experiments = LogShapes.Experiments(file);

        var (code, output, error) = CliRunner.Run("fit", "isoflop", "--input", file, "--group-by", "experiment",
            "--where", "outlier != true", "--bootstrap", "200", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("where outlier != true: removed", error);
        foreach (var (experiment, law) in experiments)
        {
            Assert.Contains($"experiment={experiment}", output);
            AssertRecovers(law.ExponentA, A(Result(json, "isoflop", $"experiment={experiment}")), 0.04);
        }

        var groups = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(8, groups.Count);
    }

    [Fact]
    public void BudgetColumnAndBudgetsOption_TheOptionWinsAndTheReportSaysSo()
    {
        using var temp = new TempFolder();
        var file = temp.File("experiments.csv");
        LogShapes.Experiments(file);

        var (code, output, error) = CliRunner.Run("fit", "isoflop", "--input", file, "--where", "experiment == \"exp1\"",
            "--budgets", "1e18,1e19,1e20", "--bootstrap", "0");

        Assert.True(code == 0, error);
        Assert.Contains("budgets-override-labels", output);
        Assert.Contains("budgets                    3, 3 kept", output);
    }

    [Fact]
    public void Experiments_ReportGroupedByExperiment_WritesTheComparisonAndAReportPerGroup()
    {
        using var temp = new TempFolder();
        var file = temp.File("experiments.csv");
        var folder = temp.File("report");
        LogShapes.Experiments(file);

        var (code, output, error) = CliRunner.Run("report", "--input", file, "--group-by", "experiment", "--where", "experiment == \"exp1\" or experiment == \"exp2\"",
            "--bootstrap", "50", "--grid", "coarse", "--out", folder);

        Assert.True(code == 0, error);
        Assert.Contains("experiment=exp2", output);
        Assert.True(File.Exists(Path.Combine(folder, "groups.md")));
        Assert.True(File.Exists(Path.Combine(folder, "results.json")));
        Assert.True(File.Exists(Path.Combine(folder, "experiment=exp1", "index.html")));
        Assert.True(File.Exists(Path.Combine(folder, "experiment=exp2", "report-isoflop.txt")));
    }

    [Fact]
    public void Experiments_FittedWhole_MixesTheSweepsButOneSelectedExperimentIsRecovered()
    {
        using var temp = new TempFolder();
        var file = temp.File("experiments.csv");
        var json = temp.File("fit.json");
        var experiments = LogShapes.Experiments(file);
        var (name, law) = experiments[3];

        var (code, _, error) = CliRunner.Run("fit", "isoflop", "--input", file,
            "--where", $"experiment == \"{name}\" and outlier != true", "--bootstrap", "200", "--json", json);

        Assert.True(code == 0, error);
        AssertRecovers(law.ExponentA, A(Result(json, "isoflop")), 0.04);
    }

    [Fact]
    public void Experiments_GroupThatCannotBeFitted_IsARowOfTheTableNotAnError()
    {
        using var temp = new TempFolder();
        var file = temp.File("experiments.csv");
        var json = temp.File("fit.json");
        LogShapes.Experiments(file);
        File.AppendAllText(file, "pilot,c4,1e8,2e9,1.2e18,3.1,false,\npilot,c4,2e8,1e9,1.2e18,3.2,false,\n");

        var (code, output, _) = CliRunner.Run("fit", "isoflop", "--input", file, "--group-by", "experiment", "--bootstrap", "0", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("experiment=pilot", output);
        Assert.Contains("not fitted", output);
        var pilot = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("group").GetString() == "experiment=pilot");
        Assert.Equal(0, pilot.GetProperty("fitted").GetArrayLength());
        Assert.Contains("needs several runs", pilot.GetProperty("notFitted")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void Checkpoints_RunKeyOfEnoughColumns_FitsTheEnvelopeAndRecoversTheExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("checkpoints.csv");
        var json = temp.File("fit.json");
        var law = LogShapes.Checkpoints(file);

        var (code, _, error) = CliRunner.Run("fit", "envelope", "--input", file, "--run-key", "model+peak_lr+total_steps",
            "--where", "sweep == \"main\"", "--bootstrap", "200", "--json", json);

        Assert.True(code == 0, error);
        var result = Result(json, "envelope");
        Assert.InRange(A(result).Value, law.ExponentA - 0.05, law.ExponentA + 0.05);
    }

    [Theory]
    [InlineData("model", "peak_lr")]
    [InlineData("model+peak_lr", "total_steps")]
    [InlineData("model+total_steps", "peak_lr")]
    public void Checkpoints_RunKeyThatCollides_NamesTheColumnsThatDiffer(string key, string differing)
    {
        using var temp = new TempFolder();
        var file = temp.File("checkpoints.csv");
        LogShapes.Checkpoints(file);

        var (code, _, error) = CliRunner.Run("fit", "envelope", "--input", file, "--run-key", key, "--bootstrap", "0");

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.Contains($"--run-key {key}:", error);
        Assert.Contains("does not tell these runs apart", error);
        Assert.Contains($"'{differing}'", error);
        Assert.Contains($"--run-key {key}+", error);
    }

    [Fact]
    public void Checkpoints_WithoutRunColumn_InspectSaysHowToNameTheRuns()
    {
        using var temp = new TempFolder();
        var file = temp.File("checkpoints.csv");
        LogShapes.Checkpoints(file);

        var (code, _, error) = CliRunner.Run("inspect", "--input", file);

        Assert.Equal(0, code);
        Assert.Contains("no run column", error);
        Assert.Contains("--run-key", error);
        Assert.Contains("'model'", error);
    }

    [Fact]
    public void NestedJsonLines_ColumnPathsAndGroupByDataset_RecoverEachDatasetsExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("runs.jsonl");
        var json = temp.File("fit.json");
        LogShapes.NestedJsonLines(file);

        var (code, output, error) = CliRunner.Run("fit", "isoflop", "--input", file,
            "--column", "n=hyperparameters.params", "--column", "d=hyperparameters.tokens", "--column", "loss=results[1].loss",
            "--group-by", "dataset_name", "--bootstrap", "200", "--json", json);

        Assert.True(code == 0, error);
        foreach (var (dataset, law) in LogShapes.DatasetLaws)
        {
            Assert.Contains($"dataset_name={dataset}", output);
            AssertRecovers(law.ExponentA, A(Result(json, "isoflop", $"dataset_name={dataset}")), 0.04);
        }
    }

    [Fact]
    public void NestedJsonLines_WithoutALossColumn_ListsTheCandidatesWithTheLineToChooseOne()
    {
        using var temp = new TempFolder();
        var file = temp.File("runs.jsonl");
        LogShapes.NestedJsonLines(file);

        var (code, _, error) = CliRunner.Run("inspect", "--input", file);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.Contains("'results[0].loss', 'results[1].loss'", error);
        Assert.Contains("--column loss=results[0].loss", error);
    }

    [Fact]
    public void Digitised_NoParameterColumn_DerivesNAndRecoversTheExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("digitised.csv");
        var json = temp.File("fit.json");
        var law = LogShapes.Digitised(file);

        var (code, _, error) = CliRunner.Run("fit", "isoflop", "--input", file, "--bootstrap", "300", "--json", json);
        var (inspectCode, inspect, _) = CliRunner.Run("inspect", "--input", file);

        Assert.True(code == 0, error);
        Assert.Equal(0, inspectCode);
        Assert.Contains("N derived as C/(6D)", inspect);
        AssertRecovers(law.ExponentA, A(Result(json, "isoflop")), 0.03);
    }

    [Theory]
    [InlineData(true, "different FLOP budgets")]
    [InlineData(false, "reused across budgets")]
    public void ReusedRunIds_FitAll_SaysSoAndPrintsNoExponent(bool withBudget, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.File("reused.csv");
        LogShapes.ReusedRunIds(file, withBudget);

        var (code, output, error) = CliRunner.Run("fit", "all", "--input", file, "--bootstrap", "0");

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
        Assert.Contains(expected, error);
        Assert.Contains("--run-key", error);
        Assert.Contains("'d", error);
        Assert.DoesNotContain("a (N_opt", output);
    }

    [Fact]
    public void ReusedRunIdsWithoutBudgets_WithEachRowARun_FitsIsoFlopAndRecoversTheExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("reused.csv");
        var json = temp.File("fit.json");
        LogShapes.ReusedRunIds(file, withBudget: false);

        var (failed, _, message) = CliRunner.Run("fit", "isoflop", "--input", file, "--bootstrap", "0");
        var (code, _, error) = CliRunner.Run("fit", "isoflop", "--input", file, "--run-key", "run+tokens", "--bootstrap", "200", "--json", json);

        Assert.Equal(2, failed);
        Assert.Contains("--run-key run+tokens makes each row a run", message);
        Assert.True(code == 0, error);
        AssertRecovers(ParametricLaw.Paper.ExponentA, A(Result(json, "isoflop")), 0.03);
    }

    [Fact]
    public void ReusedRunIds_WithTheSuggestedRunKey_FitsIsoFlopAndRecoversTheExponent()
    {
        using var temp = new TempFolder();
        var file = temp.File("reused.csv");
        var json = temp.File("fit.json");
        LogShapes.ReusedRunIds(file, withBudget: true);

        var (code, _, error) = CliRunner.Run("fit", "all", "--input", file, "--run-key", "run+budget", "--bootstrap", "200", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("skipped envelope", error);
        AssertRecovers(ParametricLaw.Paper.ExponentA, A(Result(json, "isoflop")), 0.03);
    }
}
