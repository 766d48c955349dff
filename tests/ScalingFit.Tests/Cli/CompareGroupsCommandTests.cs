using System.Globalization;
using System.Text.Json;
using ScalingFit.Core;

namespace ScalingFit.Tests.Cli;

/// <summary>
/// <c>compare --input FILE --group-by COL --compare-to GROUP</c> (issue 13): one tracker export holding several recipes,
/// every group compared with the base the same way as the two-file form.
/// </summary>
public class CompareGroupsCommandTests
{
    private static readonly ParametricLaw Base = ParametricLaw.Paper;

    /// <summary>The base law with compute scaled by <paramref name="k"/> (D → k·D, so B → B·k^(−β)): the true multiplier is k.</summary>
    internal static string ScaledLaw(double k)
    {
        var law = Base with { B = Base.B * Math.Pow(k, -Base.Beta) };
        return string.Join(',', new[] { law.E, law.A, law.B, law.Alpha, law.Beta }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }

    internal static string Simulate(TempFolder temp, string name, string law, long seed)
    {
        var file = temp.File(name);
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--law", law, "--noise", "0.005", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--output", file).ExitCode);
        return file;
    }

    /// <summary>One CSV with a leading <c>recipe</c> column: each (recipe, file)'s rows in the order given.</summary>
    internal static string Combine(TempFolder temp, string name, params (string Recipe, string File)[] parts)
    {
        var lines = new List<string>();
        foreach (var (recipe, file) in parts)
        {
            var rows = File.ReadAllLines(file);
            if (lines.Count == 0)
                lines.Add("recipe," + rows[0]);
            lines.AddRange(rows.Skip(1).Select(r => recipe + "," + r));
        }
        var path = temp.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static JsonElement Multiplier(JsonElement comparison) => comparison.GetProperty("budgets")[0].GetProperty("multiplier");

    [Fact]
    public void CompareGroups_VariantWithThreeTimesTheCompute_KIntervalContainsThree()
    {
        using var temp = new TempFolder();
        var file = Combine(temp, "recipes.csv", ("baseline", Simulate(temp, "b.csv", ScaledLaw(1), 3)), ("better", Simulate(temp, "v.csv", ScaledLaw(3), 4)));
        var json = temp.File("compare.json");

        var (code, stdout, error) = CliRunner.Run("compare", "--input", file, "--group-by", "recipe", "--compare-to", "baseline",
            "--approach", "isoflop", "--budget", "1e20", "--bootstrap", "300", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("Each group against the base recipe=baseline", stdout);
        Assert.Contains("recipe=better", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("recipe=baseline", doc.RootElement.GetProperty("baseGroup").GetString());
        var comparison = Assert.Single(doc.RootElement.GetProperty("comparisons").EnumerateArray());
        Assert.Equal("recipe=better", comparison.GetProperty("group").GetString());
        var k = Multiplier(comparison);
        Assert.InRange(3.0, k.GetProperty("low").GetDouble(), k.GetProperty("high").GetDouble());
        Assert.Equal(3, k.GetProperty("value").GetDouble(), 0.4);
    }

    [Fact]
    public void CompareGroups_SameDataAsTwoFiles_GivesTheSameNumbersWhateverTheGroupOrder()
    {
        using var temp = new TempFolder();
        var b = Simulate(temp, "b.csv", ScaledLaw(1), 3);
        var v = Simulate(temp, "v.csv", ScaledLaw(1.5), 4);
        var w = Simulate(temp, "w.csv", ScaledLaw(3), 5);
        var forward = Combine(temp, "forward.csv", ("base", b), ("mid", v), ("big", w));
        var backward = Combine(temp, "backward.csv", ("big", w), ("mid", v), ("base", b));
        string[] common = ["--approach", "isoflop", "--budget", "3e19,1e21", "--bootstrap", "200", "--seed", "7"];

        var twoFiles = CliRunner.Run(["compare", b, v, .. common, "--json", temp.File("two.json")]);
        var grouped = CliRunner.Run(["compare", "--input", forward, "--group-by", "recipe", "--compare-to", "base", .. common, "--json", temp.File("g1.json")]);
        var reordered = CliRunner.Run(["compare", "--input", backward, "--group-by", "recipe", "--compare-to", "recipe=base", .. common, "--json", temp.File("g2.json")]);

        Assert.Equal([0, 0, 0], new[] { twoFiles.ExitCode, grouped.ExitCode, reordered.ExitCode });
        using var two = JsonDocument.Parse(File.ReadAllText(temp.File("two.json")));
        using var g1 = JsonDocument.Parse(File.ReadAllText(temp.File("g1.json")));
        using var g2 = JsonDocument.Parse(File.ReadAllText(temp.File("g2.json")));
        string Budgets(JsonElement c) => c.GetProperty("budgets").GetRawText();
        JsonElement Of(JsonDocument d, string variant) => d.RootElement.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("group").GetString() == variant);
        Assert.Equal(Budgets(two.RootElement.GetProperty("comparisons")[0]), Budgets(Of(g1, "recipe=mid")));
        Assert.Equal(Budgets(Of(g1, "recipe=mid")), Budgets(Of(g2, "recipe=mid")));
        Assert.Equal(Budgets(Of(g1, "recipe=big")), Budgets(Of(g2, "recipe=big")));
        Assert.Equal(["recipe=mid", "recipe=big"], g1.RootElement.GetProperty("comparisons").EnumerateArray().Select(c => c.GetProperty("group").GetString()));
    }

    [Fact]
    public void CompareGroups_GroupThatCannotBeFitted_IsANotedRowNotACrash()
    {
        using var temp = new TempFolder();
        var b = Simulate(temp, "b.csv", ScaledLaw(1), 3);
        var tiny = temp.File("tiny.csv");
        File.WriteAllLines(tiny, File.ReadAllLines(b).Take(3));
        var file = Combine(temp, "recipes.csv", ("baseline", b), ("tiny", tiny), ("better", Simulate(temp, "v.csv", ScaledLaw(3), 4)));
        var json = temp.File("compare.json");

        var (code, stdout, error) = CliRunner.Run("compare", "--input", file, "--group-by", "recipe", "--compare-to", "baseline",
            "--approach", "isoflop", "--budget", "1e20", "--bootstrap", "100", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("not fitted", stdout);
        Assert.Contains("recipe=tiny: isoflop: not compared: needs several runs", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("recipe=better", Assert.Single(doc.RootElement.GetProperty("comparisons").EnumerateArray()).GetProperty("group").GetString());
        var skipped = Assert.Single(doc.RootElement.GetProperty("notCompared").EnumerateArray());
        Assert.Equal(("recipe=tiny", "not-fitted"), (skipped.GetProperty("group").GetString(), skipped.GetProperty("reason").GetString()));
    }

    public static TheoryData<string[], string> BadUsage => new()
    {
        { ["--compare-to", "nope"], "error: --compare-to nope: no group of that name or value; the groups are: recipe=baseline; recipe=better." },
        { ["--compare-to", "baseline", "--where", "recipe == \"baseline\""], "--group-by recipe found 1 group (recipe=baseline); a comparison needs the base and at least one variant" },
        { ["FILES", "--compare-to", "baseline"], "error: compare takes either two files (compare BASE VARIANT) or one file with groups" },
        { [], "error: compare on one file needs all three of --input FILE, --group-by COL and --compare-to GROUP" },
    };

    [Theory]
    [MemberData(nameof(BadUsage))]
    public void CompareGroups_BadUsage_ExitsTwoWithItsMessage(string[] extra, string message)
    {
        using var temp = new TempFolder();
        var b = Simulate(temp, "b.csv", ScaledLaw(1), 3);
        var v = Simulate(temp, "v.csv", ScaledLaw(3), 4);
        var file = Combine(temp, "recipes.csv", ("baseline", b), ("better", v));
        string[] files = extra.Contains("FILES") ? [b, v] : [];
        string[] args = ["compare", .. files, "--input", file, "--group-by", "recipe", .. extra.Where(e => e != "FILES"), "--approach", "isoflop", "--bootstrap", "20"];

        var (code, stdout, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Equal(1, error.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void CompareGroups_BudgetOutsideBothSweeps_IsAUsageErrorUnlessExtrapolating()
    {
        using var temp = new TempFolder();
        var file = Combine(temp, "recipes.csv", ("baseline", Simulate(temp, "b.csv", ScaledLaw(1), 3)), ("better", Simulate(temp, "v.csv", ScaledLaw(3), 4)));
        string[] args = ["compare", "--input", file, "--group-by", "recipe", "--compare-to", "baseline", "--approach", "isoflop", "--budget", "1e24", "--bootstrap", "50"];

        var (code, _, error) = CliRunner.Run(args);
        var extrapolated = CliRunner.Run([.. args, "--extrapolate"]);

        Assert.Equal(2, code);
        Assert.Contains("recipe=better: isoflop: not compared: the budget(s) 1.00e+24 lie outside the FLOP range of both sweeps", error);
        Assert.Contains("pass --extrapolate", error);
        Assert.Equal(0, extrapolated.ExitCode);
    }

    [Fact]
    public void CompareGroups_FrontiersThatNeverReachTheSameLoss_ExitsOneWithoutNaN()
    {
        using var temp = new TempFolder();
        var file = Combine(temp, "recipes.csv", ("high", Simulate(temp, "b.csv", "2.6,406.4,410.7,0.34,0.28", 3)), ("low", Simulate(temp, "v.csv", "1.2,406.4,410.7,0.34,0.28", 4)));

        var (code, stdout, error) = CliRunner.Run("compare", "--input", file, "--group-by", "recipe", "--compare-to", "high", "--approach", "isoflop", "--budget", "1e21", "--bootstrap", "50");

        Assert.Equal(1, code);
        Assert.Contains("never", stdout + error);
        Assert.DoesNotContain("NaN", stdout + error);
    }

    [Fact]
    public void CompareGroups_GroupByWithoutInput_IsAUsageError()
    {
        using var temp = new TempFolder();

        var (code, _, error) = CliRunner.Run("compare", "--group-by", "recipe", "--compare-to", "baseline");

        Assert.Equal(2, code);
        Assert.StartsWith("error: compare on one file needs all three", error);
    }
}

/// <summary>The two-file form: the import options apply to both files, and the default budgets lie inside the data.</summary>
public class CompareTwoFilesCommandTests
{
    [Fact]
    public void Compare_DefaultBudgets_AreInsideTheSweepsEvenAtTheirEnds()
    {
        using var temp = new TempFolder();
        var b = temp.File("b.csv");
        var v = temp.File("v.csv");
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--noise", "0.005", "--seed", "3", "--output", b).ExitCode);
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--noise", "0.005", "--seed", "4", "--output", v).ExitCode);

        var (code, stdout, error) = CliRunner.Run("compare", b, v, "--approach", "parametric", "--grid", "coarse", "--bootstrap", "30");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("outside the FLOP range", error);
        Assert.Contains("6.00e+18", stdout);
        Assert.Contains("3.00e+21", stdout);
    }

    [Fact]
    public void Compare_Where_SelectsRowsOfBothFiles()
    {
        using var temp = new TempFolder();
        var b = temp.File("b.csv");
        Assert.Equal(0, CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--noise", "0.005", "--seed", "3", "--output", b).ExitCode);
        string[] args = ["compare", b, b, "--approach", "isoflop", "--bootstrap", "0", "--budget", "1e20"];

        var all = CliRunner.Run(args);
        var selected = CliRunner.Run([.. args, "--where", "budget < 1e21"]);

        Assert.Equal((0, 0), (all.ExitCode, selected.ExitCode));
        Assert.Contains("where budget < 1e21: removed", selected.Error);
        Assert.DoesNotContain("where", all.Error);
    }
}

/// <summary><c>predict</c> and <c>backtest</c> with <c>--group-by</c>: one table per group, one JSON, a bad group noted.</summary>
public class GroupedPredictBacktestCommandTests
{
    private static string ThreeRecipes(TempFolder temp)
    {
        var b = CompareGroupsCommandTests.Simulate(temp, "b.csv", CompareGroupsCommandTests.ScaledLaw(1), 3);
        var tiny = temp.File("tiny.csv");
        File.WriteAllLines(tiny, File.ReadAllLines(b).Take(3));
        return CompareGroupsCommandTests.Combine(temp, "recipes.csv", ("baseline", b), ("tiny", tiny), ("better", CompareGroupsCommandTests.Simulate(temp, "v.csv", CompareGroupsCommandTests.ScaledLaw(3), 4)));
    }

    [Fact]
    public void Predict_GroupBy_PredictsEachGroupAndNotesTheOneThatCannotBeFitted()
    {
        using var temp = new TempFolder();
        var json = temp.File("predict.json");

        var (code, stdout, error) = CliRunner.Run("predict", "--input", ThreeRecipes(temp), "--group-by", "recipe", "--budget", "1e21", "--approach", "isoflop", "--bootstrap", "100", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("recipe=baseline: Compute-optimal loss L*(C)", stdout);
        Assert.Contains("recipe=better: Compute-optimal loss L*(C)", stdout);
        Assert.Contains("recipe=tiny: not predicted: isoflop (Approach 2): needs several runs", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(["recipe=baseline", "recipe=better", "recipe=tiny"], groups.Keys.Order(StringComparer.Ordinal));
        Assert.True(groups["recipe=tiny"].TryGetProperty("problem", out _));
        // Each group predicted from its own law: the better recipe's L* at 1e21 is the base law's at 3e21.
        double Loss(string g) => groups[g].GetProperty("predictions")[0].GetProperty("budgets")[0].GetProperty("loss").GetProperty("value").GetDouble();
        Assert.Equal(ParametricLaw.Paper.ForBudget(1e21).Loss, Loss("recipe=baseline"), 0.01);
        Assert.Equal(ParametricLaw.Paper.ForBudget(3e21).Loss, Loss("recipe=better"), 0.01);
    }

    [Fact]
    public void Backtest_GroupBy_BacktestsEachGroupAndNotesTheOneThatCannotBe()
    {
        using var temp = new TempFolder();
        var json = temp.File("backtest.json");

        var (code, stdout, error) = CliRunner.Run("backtest", "--input", ThreeRecipes(temp), "--group-by", "recipe", "--holdout", "1,2", "--approach", "isoflop", "--bootstrap", "100", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("recipe=baseline: Backtest", stdout);
        Assert.Contains("recipe=better: Backtest", stdout);
        Assert.Contains("recipe=tiny: not backtested:", error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(["recipe=baseline", "recipe=tiny", "recipe=better"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var g in groups.Where(g => g.GetProperty("group").GetString() != "recipe=tiny"))
        {
            var cutoffs = g.GetProperty("backtests")[0].GetProperty("cutoffs").EnumerateArray().ToArray();
            Assert.Equal([1, 2], cutoffs.Select(c => c.GetProperty("targets").GetArrayLength()));
            Assert.All(cutoffs, c => Assert.InRange(c.GetProperty("meanAbsRelativeLossError").GetDouble(), 0, 0.02));
        }
    }

    [Fact]
    public void Predict_GroupByWhereNoGroupCanBeFitted_ExitsOne()
    {
        using var temp = new TempFolder();
        var b = CompareGroupsCommandTests.Simulate(temp, "b.csv", CompareGroupsCommandTests.ScaledLaw(1), 3);
        var tiny = temp.File("tiny.csv");
        File.WriteAllLines(tiny, File.ReadAllLines(b).Take(3));
        var file = CompareGroupsCommandTests.Combine(temp, "tiny2.csv", ("a", tiny), ("b", tiny));

        var (code, _, error) = CliRunner.Run("predict", "--input", file, "--group-by", "recipe", "--budget", "1e21", "--approach", "isoflop", "--bootstrap", "0");

        Assert.Equal(1, code);
        Assert.Contains("error: no group could be predicted (2 groups", error);
    }
}
