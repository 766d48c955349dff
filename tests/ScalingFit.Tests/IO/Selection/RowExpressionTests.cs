using ScalingFit.IO;

namespace ScalingFit.Tests.IO.Selection;

public class RowExpressionTests
{
    private static readonly string[] Columns = ["experiment", "outlier", "peak_lr", "Name", "eval/paloma/macro_loss", "optimizer.learning_rate", "results[1].loss", "model size"];

    private static bool Keeps(string expression, params string?[] row) =>
        RowExpression.Parse(expression).Bind(Columns)(row);

    //                                   experiment outlier  peak_lr  Name                                  eval/…  lr      results[1].loss  model size
    private static readonly string?[] Chinchilla = ["chinchilla", "false", "0.002", "isoflop-6e+19-d2304-L23-B64", "3.05", "3e-4", "2.9", "4e8"];
    private static readonly string?[] Outlier = ["gopher", "TRUE", "0.0005", "validation-optimal-d1024", "3.40", "1e-3", "", null];

    public static TheoryData<string, bool, bool> Selections => new()
    {
        { "experiment == \"chinchilla\"", true, false },
        { "experiment != \"chinchilla\"", false, true },
        { "outlier != true", true, false },
        { "outlier == true", false, true },
        { "peak_lr <= 0.002", true, true },
        { "peak_lr < 0.002", false, true },
        { "peak_lr > 1e-3", true, false },
        { "peak_lr >= 0.0005 and peak_lr < 0.001", false, true },
        { "Name !~ \"validation-optimal\"", true, false },
        { "Name =~ \"^isoflop-[0-9.e+]+-\"", true, false },
        { "eval/paloma/macro_loss < 3.1", true, false },
        { "optimizer.learning_rate == 0.0003", true, false },
        { "results[1].loss < 3", true, false },
        { "`model size` >= 4e8", true, false },
        { "experiment == \"gopher\" or peak_lr == 0.002", true, true },
        { "experiment == \"gopher\" or experiment == \"chinchilla\" and outlier == true", false, true },
        { "(experiment == \"gopher\" or experiment == \"chinchilla\") and outlier == true", false, true },
        { "(experiment == \"gopher\" or experiment == \"chinchilla\") and outlier != true", true, false },
        { "not outlier == true", true, false },
        { "experiment < \"d\"", true, false },
        { "results[1].loss == \"\"", false, true },
        { "`model size` != 4e8", false, true },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Evaluate_Selection_KeepsTheExpectedRows(string expression, bool keepsChinchilla, bool keepsOutlier)
    {
        Assert.Equal(keepsChinchilla, Keeps(expression, Chinchilla));
        Assert.Equal(keepsOutlier, Keeps(expression, Outlier));
    }

    public static TheoryData<string, int, string> Invalid => new()
    {
        { "", 1, "empty" },
        { "experiment = \"x\"", 12, "write ==" },
        { "experiment == x", 15, "not a value" },
        { "experiment == 'x'", 15, "double quotes" },
        { "experiment == \"x", 15, "no closing double quote" },
        { "(experiment == \"x\"", 19, "not closed" },
        { "experiment == \"x\")", 18, "')' without its '('" },
        { "experiment == \"x\" and", 22, "a column name" },
        { "experiment \"x\"", 12, "an operator" },
        { "Name =~ \"[a\"", 9, "not a valid regular expression" },
        { "Name =~ 3", 9, "regular expression in double quotes" },
        { "outlier < true", 9, "only be compared with == or !=" },
        { "peak_lr ==", 11, "a value" },
        { "`model size >= 1", 1, "closing backquote" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidExpression_GivesThePositionAndWhatToWrite(string expression, int position, string message)
    {
        Assert.False(RowExpression.TryParse(expression, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal(position, error!.Position);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void CheckColumns_UnknownColumn_GivesItsPositionAndTheColumnsThatExist()
    {
        var expression = RowExpression.Parse("experiment == \"x\" and lr < 1");

        var error = expression.CheckColumns(Columns);

        Assert.NotNull(error);
        Assert.Equal(23, error.Position);
        Assert.Contains("no column 'lr'", error.Message);
        Assert.Contains("'optimizer.learning_rate'", error.Message);
    }

    [Fact]
    public void Columns_MatchLikeColumnNames_IgnoringCaseSpacesAndUnderscores()
    {
        var expression = RowExpression.Parse("EXPERIMENT == \"chinchilla\" and PeakLR < 0.01");

        Assert.Null(expression.CheckColumns(Columns));
        Assert.True(expression.Bind(Columns)(Chinchilla));
        Assert.Equal(["EXPERIMENT", "PeakLR"], expression.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Evaluate_NumberAgainstText_IsFalseExceptNotEqual()
    {
        Assert.False(Keeps("experiment == 1", Chinchilla));
        Assert.False(Keeps("experiment < 1", Chinchilla));
        Assert.True(Keeps("experiment != 1", Chinchilla));
    }
}
