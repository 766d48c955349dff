using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli;

/// <summary>predict, backtest and compare through the command line: outputs, JSON and the clear failures of issue 13.</summary>
public class PredictCommandTests
{
    private static string Simulate(TempFolder temp, string name, string law = "1.69,406.4,410.7,0.34,0.28", long seed = 1)
    {
        var file = temp.File(name);
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--law", law, "--noise", "0.005", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--output", file).ExitCode);
        return file;
    }

    [Fact]
    public void Predict_BudgetAndPair_WritesIntervalsAndExtrapolationFactor()
    {
        using var temp = new TempFolder();
        var sweep = Simulate(temp, "sweep.csv");
        var json = temp.File("predict.json");

        var (code, stdout, _) = CliRunner.Run("predict", "--input", sweep, "--budget", "3e22", "--at", "1e10:2e11", "--grid", "coarse", "--bootstrap", "200", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("Compute-optimal loss L*(C)", stdout);
        Assert.Contains("Loss of the parametric law at (N, D)", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var predictions = doc.RootElement.GetProperty("predictions").EnumerateArray().ToDictionary(p => p.GetProperty("approach").GetString()!);
        Assert.Equal(["isoflop", "parametric"], predictions.Keys.Order());
        double truth = ParametricLaw.Paper.ForBudget(3e22).Loss;
        foreach (var p in predictions.Values)
        {
            var b = p.GetProperty("budgets")[0];
            Assert.Equal(10, b.GetProperty("extrapolation").GetDouble(), 0.1);
            var loss = b.GetProperty("loss");
            Assert.InRange(truth, loss.GetProperty("low").GetDouble() - 0.02, loss.GetProperty("high").GetDouble() + 0.02);
            Assert.True(b.GetProperty("prediction").GetProperty("high").GetDouble() >= loss.GetProperty("high").GetDouble());
        }
        var pair = predictions["parametric"].GetProperty("allocations")[0];
        Assert.Equal(ParametricLaw.Paper.Loss(1e10, 2e11), pair.GetProperty("loss").GetProperty("value").GetDouble(), 0.02);
    }

    [Fact]
    public void Predict_NoTarget_IsAUsageError()
    {
        using var temp = new TempFolder();
        var (code, _, error) = CliRunner.Run("predict", "--input", Simulate(temp, "s.csv"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: give --budget C", error);
    }

    [Fact]
    public void Backtest_ThreeHoldouts_ReportsEachCutoffAndWritesJson()
    {
        using var temp = new TempFolder();
        var json = temp.File("backtest.json");

        var (code, stdout, _) = CliRunner.Run("backtest", "--input", Simulate(temp, "s.csv"), "--holdout", "1,2,3", "--approach", "isoflop", "--bootstrap", "100", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("Backtest", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var cutoffs = doc.RootElement.GetProperty("backtests")[0].GetProperty("cutoffs").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3], cutoffs.Select(c => c.GetProperty("targets").GetArrayLength()));
        Assert.All(cutoffs, c => Assert.InRange(c.GetProperty("meanAbsRelativeLossError").GetDouble(), 0, 0.02));
    }

    [Fact]
    public void Backtest_HoldingOutTooManyBudgets_IsAClearError()
    {
        using var temp = new TempFolder();

        var (code, _, error) = CliRunner.Run("backtest", "--input", Simulate(temp, "s.csv"), "--holdout", "8", "--approach", "isoflop");

        Assert.Equal(2, code);
        Assert.StartsWith("error: --holdout: Holding out 8 of the 9 FLOP budgets", error);
        Assert.DoesNotContain("NaN", error);
    }

    [Fact]
    public void Compare_VariantWithThreeTimesTheCompute_FindsAMultiplierNearThree()
    {
        using var temp = new TempFolder();
        var b = Simulate(temp, "base.csv", seed: 3);
        var v = Simulate(temp, "variant.csv", "1.69,406.4,301.94,0.34,0.28", seed: 4); // B·3^(−β): D → 3D
        var json = temp.File("compare.json");

        var (code, stdout, _) = CliRunner.Run("compare", b, v, "--approach", "isoflop", "--budget", "1e20", "--bootstrap", "300", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("Effective compute multiplier", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var k = doc.RootElement.GetProperty("comparisons")[0].GetProperty("budgets")[0].GetProperty("multiplier");
        Assert.Equal(3, k.GetProperty("value").GetDouble(), 0.4);
        Assert.InRange(3.0, k.GetProperty("low").GetDouble(), k.GetProperty("high").GetDouble());
    }

    [Fact]
    public void Compare_BudgetOutsideBothSweeps_IsAUsageErrorUnlessExtrapolating()
    {
        using var temp = new TempFolder();
        var b = Simulate(temp, "base.csv", seed: 3);
        var v = Simulate(temp, "variant.csv", seed: 4);

        var (code, _, error) = CliRunner.Run("compare", b, v, "--approach", "isoflop", "--budget", "1e24", "--bootstrap", "50");
        var extrapolated = CliRunner.Run("compare", b, v, "--approach", "isoflop", "--budget", "1e24", "--bootstrap", "50", "--extrapolate");

        Assert.Equal(2, code);
        Assert.StartsWith("error: isoflop: the budget(s) 1.00e+24 lie outside the FLOP range of both sweeps", error);
        Assert.Equal(0, extrapolated.ExitCode);
    }

    [Fact]
    public void Compare_FrontiersThatNeverReachTheSameLoss_ExitsOneWithoutNaN()
    {
        using var temp = new TempFolder();
        var b = Simulate(temp, "base.csv", "2.6,406.4,410.7,0.34,0.28", seed: 3);
        var v = Simulate(temp, "variant.csv", "1.2,406.4,410.7,0.34,0.28", seed: 4);
        var json = temp.File("compare.json");

        var (code, stdout, error) = CliRunner.Run("compare", b, v, "--approach", "isoflop", "--budget", "1e21", "--bootstrap", "50", "--json", json);

        Assert.Equal(1, code);
        Assert.Contains("never reach", error);
        Assert.DoesNotContain("NaN", stdout + error);
    }
}
