namespace ScalingFit.Tests.Cli.RealLogs;

/// <summary>Selection, grouping and run-key mistakes through the command line: the exit code and the one message that says what to do.</summary>
public class SelectionErrorTests
{
    private const string Sweep =
        "experiment,model,lr,params,tokens,loss,outlier\n" +
        "a,m1,0.1,1e8,1e9,3.5,false\n" +
        "a,m1,0.1,1e8,2e9,3.3,false\n" +
        "a,m1,0.2,1e8,1e9,3.6,true\n" +
        "a,m1,0.2,1e8,2e9,3.4,false\n" +
        "b,m2,0.1,2e8,1e9,3.4,false\n";

    public static TheoryData<string, string[], int, string[]> Cases => new()
    {
        { "inspect", ["--where", "experiment = \"a\""], 2, ["--where: in the selection 'experiment = \"a\"', at position 12", "write =="] },
        { "inspect", ["--where", "lr <= 0.1 and size > 1"], 2, ["at position 15: no column 'size'", "the columns are 'experiment', 'model', 'lr', 'params', 'tokens', 'loss', 'outlier'"] },
        { "inspect", ["--where", "experiment == a"], 2, ["at position 15", "not a value", "(\"a\")"] },
        { "inspect", ["--where", "(lr < 0.2"], 2, ["at position 10", "not closed"] },
        { "inspect", ["--where", "model =~ \"[m\""], 2, ["at position 10", "not a valid regular expression"] },
        { "fit parametric", ["--where", "outlier != true", "--where", "experiment == \"z\""], 1, ["the selection removed every row", "where experiment == \"z\": removed 4 of 4 rows"] },
        { "fit isoflop", ["--group-by", "experiment,size"], 2, ["--group-by: no column 'size'", "'experiment'"] },
        { "fit isoflop", ["--group-by", ","], 2, ["--group-by: name one column"] },
        { "fit envelope", ["--run-key", "model+rate"], 2, ["--run-key: no column 'rate'"] },
        { "fit envelope", ["--run-key", "model"], 2, ["--run-key model: rows 2 and 4", "same token count", "'lr'", "--run-key model+lr"] },
        { "fit envelope", ["--run-key", "model+outlier"], 2, ["--run-key model+outlier", "'lr'", "--run-key model+outlier+lr"] },
        { "inspect", ["--budget-from", "experiment:a"], 2, ["--budget-from experiment:a", "no capture group"] },
        { "inspect", ["--budget-from", "size:([0-9]+)"], 2, ["--budget-from: no column 'size'"] },
        { "inspect", ["--flops-scale", "0"], 2, ["--flops-scale 0: give a positive factor"] },
        { "reproduce", ["--group-by", "experiment", "--drop-highest", "0"], 2, ["--group-by works with fit, report and inspect"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Command_BadSelectionGroupOrRunKey_ExitsWithOneErrorLineSayingWhatToDo(string command, string[] options, int exitCode, string[] expected)
    {
        using var temp = new TempFolder();
        var file = temp.File("sweep.csv");
        File.WriteAllText(file, Sweep);
        string[] args = [.. command.Split(' '), "--input", file, "--bootstrap", "0", .. options.Select(o => o == "out" ? temp.File("out") : o)];
        if (command is "inspect")
            args = [.. args.Where((a, i) => a != "--bootstrap" && (i == 0 || args[i - 1] != "--bootstrap"))];

        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(exitCode, code);
        Assert.StartsWith("error:", error);
        foreach (var text in expected)
            Assert.Contains(text, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Inspect_GroupsAndSelection_AreInTheReportAndTheJson()
    {
        using var temp = new TempFolder();
        var file = temp.File("sweep.csv");
        var json = temp.File("inspect.json");
        File.WriteAllText(file, Sweep);

        var (code, output, _) = CliRunner.Run("inspect", "--input", file, "--where", "outlier != true", "--group-by", "experiment", "--run-key", "model+lr", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("selection: where outlier != true: removed 1 of 5 rows, kept 4", output);
        Assert.Contains("experiment=a", output);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        var selection = Assert.Single(doc.RootElement.GetProperty("selection").EnumerateArray());
        Assert.Equal(1, selection.GetProperty("rowsRemoved").GetInt32());
        Assert.Equal(["experiment=a", "experiment=b"], doc.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
    }
}
