using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

/// <summary>The importer on real logs: selection counts, groups, run keys, units, derived N, loss-like names and nested JSON.</summary>
public class LogImportTests
{
    private const string Experiments =
        "experiment,dataset,params,tokens,budget,loss,outlier\n" +
        "a,c4,1e8,1e10,6e18,3.1,false\n" +
        "a,c4,2e8,5e9,6e18,3.0,false\n" +
        "a,c4,4e8,2.5e9,6e18,3.2,true\n" +
        "b,pile,1e8,1e10,6e18,2.9,false\n" +
        "b,pile,2e8,5e9,6e18,2.8,false\n";

    private static ImportOptions With(Func<ImportOptions, ImportOptions> change) => change(ImportOptions.Default);

    [Fact]
    public void Where_EachSelection_CountsTheRowsItRemoved()
    {
        var result = ImportText.Csv(Experiments, With(o => o with { Where = ["outlier != true", "experiment == \"a\""] }));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(5, result.RowsRead);
        Assert.Equal(2, result.RowsKept);
        Assert.Equal([("outlier != true", 5, 1), ("experiment == \"a\"", 4, 2)], result.Filters.Select(f => (f.Expression, f.RowsBefore, f.RowsRemoved)));
        Assert.Contains(result.Notes, n => n.Code == ImportErrorCode.RowsFiltered);
        Assert.Contains("Selection", result.ToReport());
    }

    [Fact]
    public void GroupBy_TwoColumns_ImportsEachGroupOnItsOwnInOrderOfAppearance()
    {
        var result = ImportText.Csv(Experiments, With(o => o with { GroupBy = ["experiment", "dataset"] }));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(["experiment=a, dataset=c4", "experiment=b, dataset=pile"], result.Groups.Select(g => g.Name));
        Assert.Equal([3, 2], result.Groups.Select(g => g.Import.RunSet.Runs.Count));
        Assert.Equal("pile", result.Groups[1].Values["dataset"]);
        Assert.Equal(5, result.RunSet.Runs.Count);
    }

    [Fact]
    public void GroupBy_RunIdsReusedAcrossGroups_AreKeptApartInTheWholeSet()
    {
        const string text = "experiment,run,params,tokens,loss\na,r1,1e8,1e10,3.1\na,r1,1e8,2e10,3.0\nb,r1,1e8,1e10,2.9\nb,r1,1e8,2e10,2.8\n";

        var result = ImportText.Csv(text, With(o => o with { GroupBy = ["experiment"] }));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(2, result.RunSet.Curves.Count);
        Assert.All(result.Groups, g => Assert.Single(g.Import.RunSet.Curves));
    }

    [Fact]
    public void RunKey_SeveralColumns_FormOneRunIdAndCurves()
    {
        const string text = "model,lr,params,tokens,loss\nm1,0.1,1e8,1e9,3.5\nm1,0.1,1e8,2e9,3.3\nm1,0.2,1e8,1e9,3.6\nm1,0.2,1e8,2e9,3.4\n";

        var result = ImportText.Csv(text, With(o => o with { RunKey = ["model", "lr"] }));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(["m1/0.1", "m1/0.2"], result.RunSet.Curves.Select(c => c.RunId));
    }

    [Fact]
    public void RunKey_StillColliding_IsAnErrorAtTheSecondRowNamingTheDifferingColumn()
    {
        const string text = "model,lr,params,tokens,loss\nm1,0.1,1e8,1e9,3.5\nm1,0.2,1e8,1e9,3.6\n";

        var result = ImportText.Csv(text, With(o => o with { RunKey = ["model"] }));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.RunKeyCollision, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Contains("'lr'", error.Message);
        Assert.Contains("--run-key model+lr", error.Message);
    }

    [Fact]
    public void Selection_RowErrorsAfterFiltering_AreReportedAtTheFilesOwnLines()
    {
        const string text = "run,params,tokens,loss,tag\nr1,1e8,2e9,3.1,a\nr2,2e8,1e9,3.0,b\nr3,3e8,abc,3.0,a\n";

        var result = ImportText.Csv(text, With(o => o with { Where = ["tag == \"a\""] }));

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, 3, ImportErrorCode.UnparsableNumber), (error.Line, error.Column, error.Code));
    }

    [Fact]
    public void FlopsScaleAndBudgetFrom_ScaleCAndTheBudgetSeparately()
    {
        const string text = "Name,params,tokens,gflops,loss\nisoflop-2e+18-a,1e8,1e10,2000000000,3.1\nisoflop-2e+18-b,2e8,5e9,2000000000,3.0\nvalidation-optimal,2e8,5e9,2000000000,3.0\n";
        ImportOptions.TryParseBudgetPattern("Name:isoflop-([0-9.e+]+)-", out var pattern, out _);

        var result = ImportText.Csv(text, With(o => o.WithColumn(ColumnKey.Flops, "gflops") with { FlopsScale = 3e9, BudgetFrom = pattern, BudgetScale = 3 }));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.All(result.RunSet.Runs, r => Assert.Equal(6e18, r.Flops, 1e6));
        Assert.Equal([6e18, 6e18, null], result.RunSet.Runs.Select(r => r.FlopBudget));
        var note = Assert.Single(result.Notes, n => n.Code == ImportErrorCode.BudgetPatternUnmatched);
        Assert.Equal(4, note.Line);
    }

    [Fact]
    public void BudgetFrom_WithoutACColumn_IsCScaledLikeTheBudgetNotLikeTheFlops()
    {
        // No C column: the budget label is also C, so it takes the budget's scale (3, forward FLOPs), not --flops-scale (GFLOPs).
        const string text = "Name,params,tokens,loss\nisoflop-2e+18-a,1e8,1e10,3.1\nisoflop-2e+18-b,2e8,5e9,3.0\n";
        ImportOptions.TryParseBudgetPattern("Name:isoflop-([0-9.e+]+)-", out var pattern, out _);

        var result = ImportText.Csv(text, With(o => o with { FlopsScale = 3e9, BudgetFrom = pattern, BudgetScale = 3 }));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.All(result.RunSet.Runs, r => Assert.Equal(6e18, r.Flops, 1e6));
        Assert.All(result.RunSet.Runs, r => Assert.Equal(6e18, r.FlopBudget));
    }

    [Theory]
    [InlineData("Name:isoflop", "no capture group")]
    [InlineData("isoflop-(.*)", "COLUMN:REGEX")]
    [InlineData("Name:isoflop-([0-9]", "not a valid regular expression")]
    public void TryParseBudgetPattern_Invalid_SaysWhatToWrite(string text, string message)
    {
        Assert.False(ImportOptions.TryParseBudgetPattern(text, out _, out var error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void NoParameterColumn_NIsDerivedFromCAndD()
    {
        var result = ImportText.Csv("compute_budget,training_tokens,validation_loss\n6e18,1e10,3.1\n6e18,5e9,3.0\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.True(result.ParametersDerived);
        Assert.Equal([1e8, 2e8], result.RunSet.Runs.Select(r => r.ParameterCount), (x, y) => Math.Abs(x - y) < 1e-6 * y);
        Assert.Contains("N derived as C / (6D)", result.ToReport());
    }

    [Theory]
    [InlineData("params,tokens,eval/paloma/macro_loss\n1e8,1e9,3.1\n", "eval/paloma/macro_loss")]
    [InlineData("params,tokens,val/loss\n1e8,1e9,3.1\n", "val/loss")]
    [InlineData("params,tokens,validation_loss\n1e8,1e9,3.1\n", "validation_loss")]
    [InlineData("params,tokens,train/loss,throughput\n1e8,1e9,3.1,5\n", "train/loss")]
    [InlineData("parameter_count,throughput/total_tokens,eval/loss\n1e8,1e9,3.1\n", "eval/loss")]
    public void LossLikeName_AloneInTheFile_IsTheLoss(string text, string column)
    {
        var result = ImportText.Csv(text);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(column, result.Columns[ColumnKey.Loss]);
    }

    [Fact]
    public void SeveralLossLikeNames_AreAnErrorListingThemWithTheLineToChooseOne()
    {
        var result = ImportText.Csv("params,tokens,train/loss,eval/paloma/macro_loss\n1e8,1e9,3.1,3.2\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.ColumnChoiceNeeded, error.Code);
        Assert.Contains("'train/loss', 'eval/paloma/macro_loss'", error.Message);
        Assert.Contains("--column loss=eval/paloma/macro_loss", error.Message);
    }

    [Fact]
    public void TrackerPath_LastPartIsAUsualName_IsRecognisedWithANote()
    {
        var result = ImportText.Csv("parameter_count,throughput/total_tokens,loss\n1e8,1e9,3.1\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal("throughput/total_tokens", result.Columns[ColumnKey.TokenCount]);
        Assert.Contains(result.Notes, n => n.Code == ImportErrorCode.ColumnRecognised);
    }

    [Theory]
    [InlineData(ImportFormat.JsonLines, "{\"name\": \"r1\", \"hp\": {\"params\": 1e8, \"tokens\": 1e9}, \"results\": [{\"loss\": 3.5}, {\"loss\": 3.1}]}\n{\"name\": \"r2\", \"hp\": {\"params\": 2e8, \"tokens\": 1e9}, \"results\": [{\"loss\": 3.4}, {\"loss\": 3.0}]}\n")]
    [InlineData(ImportFormat.JsonArray, "[{\"name\": \"r1\", \"hp\": {\"params\": 1e8, \"tokens\": 1e9}, \"results\": [{\"loss\": 3.5}, {\"loss\": 3.1}]},\n {\"name\": \"r2\", \"hp\": {\"params\": 2e8, \"tokens\": 1e9}, \"results\": [{\"loss\": 3.4}, {\"loss\": 3.0}]}]")]
    public void NestedJson_ColumnPathsWithArrayIndices_ReadTheNestedValues(ImportFormat format, string text)
    {
        var result = ImportText.Run(text, format, "runs", With(o => o.WithColumn(ColumnKey.ParameterCount, "hp.params").WithColumn(ColumnKey.Loss, "results[1].loss")));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([3.1, 3.0], result.RunSet.Runs.Select(r => r.Loss));
        Assert.Equal([1e8, 2e8], result.RunSet.Runs.Select(r => r.ParameterCount));
        Assert.Equal("hp.tokens", result.Columns[ColumnKey.TokenCount]);
    }

    [Fact]
    public void RunIdWithRowsAtDifferentBudgetLabels_IsAnErrorNamingTheRunAndTheRunKey()
    {
        const string text = "run,params,tokens,flops,loss,budget\nd512,1e8,1e10,6e18,3.1,6e18\nd512,1e8,1.67e10,1e19,3.0,1e19\nd768,2e8,5e9,6e18,3.0,6e18\n";

        var result = ImportText.Csv(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.RunIdReusedAcrossBudgets, error.Code);
        Assert.Equal(2, error.Line);
        Assert.Contains("run 'd512'", error.Message);
        Assert.Contains("--run-key run+budget", error.Message);
    }

    [Fact]
    public void NoRunColumn_SizesRepeatingWithGrowingTokens_NoteSaysHowToNameTheRuns()
    {
        var text = "model,params,tokens,loss\n" + string.Concat(new[] { "a,1e8", "b,2e8" }.SelectMany(m => new[] { 1e9, 2e9, 4e9 }.Select(d => $"{m},{d:R},3.0\n")));

        var result = ImportText.Csv(text);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        var note = Assert.Single(result.Notes, n => n.Code == ImportErrorCode.PossibleCurvesWithoutRunColumn);
        Assert.Contains("'model'", note.Message);
        Assert.True(note.Line > 0);
    }
}

/// <summary>Bad lines of a JSON Lines file read as a table (selection, nested paths).</summary>
public class LogImportBadLineTests
{
    private const string Text = "{\"hp\": {\"params\": 1e8}, \"tokens\": 1e9, \"loss\": 3.1, \"tag\": \"a\"}\n{\"hp\": {\"params\": 2e8}, \"tokens\": 1e9,\n{\"hp\": {\"params\": 3e8}, \"tokens\": 1e9, \"loss\": 3.0, \"tag\": \"a\"}\n";

    private static ImportOptions Options(bool skip) =>
        ImportOptions.Default.WithColumn(ColumnKey.ParameterCount, "hp.params") with { Where = ["tag == \"a\""], SkipBadRows = skip };

    [Fact]
    public void InvalidLine_IsAnErrorAtItsLine()
    {
        var result = ImportText.JsonLines(Text, Options(skip: false));

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, ImportErrorCode.InvalidJson), (error.Line, error.Code));
    }

    [Fact]
    public void InvalidLine_UnderSkipBadRows_IsLeftOutAndCounted()
    {
        var result = ImportText.JsonLines(Text, Options(skip: true));

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal((3, 2, 1), (result.RowsRead, result.RowsKept, result.RowsRejected));
        Assert.Contains(result.Notes, n => n.Code == ImportErrorCode.InvalidJson && n.Line == 2);
    }
}
