using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli;

public class PlanCommandTests
{

    [Theory]
    [InlineData("plan.csv", "1.69,406.4,410.7,0.34,0.28")]
    [InlineData("plan.json", "1.8172,477.8,2143.9,0.3473,0.3672")]
    [InlineData("plan.jsonl", "2.0,800,500,0.40,0.30")]
    public void PlanThenSimulateFromPlanThenFitIsoFlop_NoNoise_RecoversTheLawsExponent(string planName, string law)
    {
        using var temp = new TempFolder();
        string plan = temp.File(planName), sweep = temp.File("sweep.csv"), json = temp.File("fit.json");
        var v = law.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        double truth = new ParametricLaw(v[0], v[1], v[2], v[3], v[4]).ExponentA;

        var planned = CliRunner.Run("plan", "--law", law, "--budget-range", "1e18:1e21", "--budgets-count", "7", "--output", plan);
        Assert.Equal(0, planned.ExitCode);
        Assert.Contains("Total compute:", planned.Out);
        var simulated = CliRunner.Run("simulate", "--from-plan", plan, "--law", law, "--noise", "0", "--output", sweep);
        Assert.Equal(0, simulated.ExitCode);
        var fitted = CliRunner.Run("fit", "isoflop", "--input", sweep, "--bootstrap", "0", "--json", json);
        Assert.Equal(0, fitted.ExitCode);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        double a = doc.RootElement.GetProperty("results")[0].GetProperty("a").GetProperty("value").GetDouble();
        Assert.Equal(truth, a, 1e-3);
        Assert.Equal(63, doc.RootElement.GetProperty("results")[0].GetProperty("points").GetInt32());
    }

    [Fact]
    public void Plan_Precision_PrintsTheTableAndWritesJson()
    {
        using var temp = new TempFolder();
        string json = temp.File("plan.json");

        var (code, output, error) = CliRunner.Run("plan", "--paper", "--budgets", "1e18,1e19,1e20", "--sizes-per-budget", "5",
            "--precision", "--trials", "8", "--resamples", "40", "--no-sensitivity", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("median 95% width", output);
        Assert.Contains("coverage", output);
        Assert.Contains("noise σ = 0.01", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var scenario = doc.RootElement.GetProperty("precision").GetProperty("scenarios")[0];
        Assert.Equal("centred", scenario.GetProperty("name").GetString());
        Assert.Equal(4, scenario.GetProperty("rows").GetArrayLength());
        Assert.Equal(15, doc.RootElement.GetProperty("grid").GetProperty("runs").GetInt32());
    }

    [Fact]
    public void Plan_FromAFit_TakesTheNoiseFromTheFitsScatter()
    {
        using var temp = new TempFolder();
        string sweep = temp.File("sweep.csv"), fit = temp.File("fit.json"), json = temp.File("plan.json");
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--noise", "0.02", "--seed", "4", "--output", sweep).ExitCode);
        Assert.Equal(0, CliRunner.Run("fit", "parametric", "--input", sweep, "--grid", "coarse", "--bootstrap", "0", "--json", fit).ExitCode);

        var (code, _, error) = CliRunner.Run("plan", "--fit", fit, "--budgets", "1e19,1e20,1e21", "--sizes-per-budget", "5",
            "--precision", "--trials", "4", "--resamples", "20", "--no-sensitivity", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("from the scatter of fit.json", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.InRange(doc.RootElement.GetProperty("precision").GetProperty("noise").GetDouble(), 0.016, 0.024);
    }

    [Fact]
    public void Plan_OutputAndFiles_AreIdenticalUnderACommaDecimalCulture()
    {
        using var temp = new TempFolder();
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        (int, string, string) RunUnder(CultureInfo culture, string name)
        {
            var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                return CliRunner.Run("plan", "--paper", "--budgets", "1e19,1e20", "--sizes-per-budget", "5", "--precision", "--trials", "4",
                    "--resamples", "20", "--no-sensitivity", "--output", temp.File(name + ".csv"), "--json", temp.File(name + ".json"));
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            }
        }

        var invariant = RunUnder(CultureInfo.InvariantCulture, "a");
        var german = RunUnder(comma, "b");

        Assert.Equal(invariant.Item2, german.Item2);
        Assert.Equal(File.ReadAllText(temp.File("a.csv")), File.ReadAllText(temp.File("b.csv")));
        Assert.Equal(File.ReadAllText(temp.File("a.json")), File.ReadAllText(temp.File("b.json")));
        Assert.Contains("1.00e+19", invariant.Item2);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["plan", "--paper", "--budgets", "1e20", "--span", "1"], "--span 1" },
        { ["plan", "--paper", "--budgets", "1e20", "--span", "0.5"], "must exceed 1" },
        { ["plan", "--paper", "--budgets", "1e12,1e20", "--min-params", "1e6"], "below the smallest possible run" },
        { ["plan", "--paper", "--budgets", "1e19,1e20", "--min-params", "1e9"], "a parabola needs at least 3" },
        { ["plan", "--paper", "--budgets", "1e19,1e20", "--min-params", "1e9"], "--min-params" },
        { ["plan", "--paper", "--budget-range", "1e18:1e20", "--target-width", "0.0001", "--max-compute", "1e21", "--trials", "10", "--resamples", "20"], "narrowest median width reached was" },
        { ["plan", "--paper", "--budget-range", "1e18:1e20", "--target-width", "0.03"], "--max-compute" },
        { ["plan", "--budgets", "1e20"], "exactly one prior law" },
        { ["plan", "--paper"], "give the FLOP budgets" },
        { ["plan", "--paper", "--budgets", "1e20", "--output", "plan.txt"], ".csv, .jsonl or .json" },
        { ["simulate", "--from-plan", "no-such-plan.csv", "--paper", "--output", "x.csv"], "file not found" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Plan_BadInput_ExitsTwoWithOneErrorLine(string[] args, string expected)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Total compute", output);
    }

    [Fact]
    public void SimulateFromPlan_FileWithoutPredictedLoss_SaysWhatAPlanHolds()
    {
        using var temp = new TempFolder();
        string bad = temp.File("bad.csv");
        File.WriteAllText(bad, "run,params,tokens\nr1,1e8,2e9\n");

        var (code, _, error) = CliRunner.Run("simulate", "--from-plan", bad, "--paper", "--output", temp.File("out.csv"));

        Assert.Equal(2, code);
        Assert.Contains("predicted_loss", error);
    }
}
