using System.Text;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

public sealed class CsvImportTests
{
    [Fact]
    public void Import_FinalLossCsv_ReadsOneRunPerRowWithCDerivedAs6ND()
    {
        var result = ImportText.Csv("params,tokens,loss\n1e8,2e9,3.5\n4e8,8e9,3.0\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(2, result.RunSet.Runs.Count);
        Assert.Empty(result.RunSet.Curves);
        var run = result.RunSet.Runs[0];
        Assert.Equal(new Run("row2", 1e8, 2e9, 6 * 1e8 * 2e9, 3.5), run);
        Assert.Equal("row3", result.RunSet.Runs[1].RunId);
        Assert.True(result.FlopsDerived);
        Assert.False(result.TokensDerived);
        Assert.Equal((2, 2, 0), (result.RowsRead, result.RowsKept, result.RowsRejected));
    }

    [Fact]
    public void Import_ComputeWithoutTokens_DerivesTokensAsCOver6N()
    {
        var result = ImportText.Csv("Model Size,Training FLOP,loss\n1e9,6e19,2.5\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        var run = Assert.Single(result.RunSet.Runs);
        Assert.Equal(1e10, run.TokenCount, 6);
        Assert.Equal(6e19, run.Flops);
        Assert.True(result.TokensDerived);
        Assert.Equal("Model Size", result.Columns[ColumnKey.ParameterCount]);
        Assert.Equal("Training FLOP", result.Columns[ColumnKey.Flops]);
    }

    [Fact]
    public void Import_CustomFlopRule_DerivesWithItsFactor()
    {
        var options = ImportOptions.Default with { FlopRule = new FlopRule(8) };

        var result = ImportText.Csv("params,flops,loss\n1e9,8e19,2.5\n", options);

        Assert.Equal(1e10, Assert.Single(result.RunSet.Runs).TokenCount, 6);
        Assert.Equal(8, result.RunSet.FlopRule.Factor);
    }

    [Theory]
    [InlineData("params")]
    [InlineData("Parameters")]
    [InlineData("N")]
    [InlineData("Model Size")]
    [InlineData("model_size")]
    [InlineData("MODELSIZE")]
    [InlineData("parameter_count")]
    [InlineData(" params_active_precise ")]
    public void Import_ParameterColumnUnderAnyAlias_IsFound(string header)
    {
        var result = ImportText.Csv($"{header},tokens,loss\n1e8,2e9,3\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(1e8, Assert.Single(result.RunSet.Runs).ParameterCount);
    }

    [Theory]
    [InlineData("tokens", "flops")]
    [InlineData("Training Tokens", "compute")]
    [InlineData("train_tokens", "C")]
    [InlineData("D", "training flop")]
    public void Import_TokenAndComputeAliases_AreFound(string tokens, string flops)
    {
        var result = ImportText.Csv($"params,{tokens},{flops},val_loss\n1e8,2e9,1.2e18,3\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        var run = Assert.Single(result.RunSet.Runs);
        Assert.Equal((2e9, 1.2e18, 3.0), (run.TokenCount, run.Flops, run.Loss));
    }

    [Fact]
    public void Import_ColumnOverrides_UseTheNamedColumns()
    {
        var options = ImportOptions.Default
            .WithColumn(ColumnKey.ParameterCount, "size")
            .WithColumn(ColumnKey.TokenCount, "seen")
            .WithColumn(ColumnKey.Loss, "NLL")
            .WithColumn(ColumnKey.RunId, "experiment");

        var result = ImportText.Csv("experiment,size,seen,nll,loss\nx,1e8,1e9,3.3,99\nx,1e8,2e9,3.1,99\n", options);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        var curve = Assert.Single(result.RunSet.Curves);
        Assert.Equal("x", curve.RunId);
        Assert.Equal(3.1, curve.FinalLoss);
        Assert.Equal("nll", result.Columns[ColumnKey.Loss]);
    }

    [Fact]
    public void Import_OverrideNamingAMissingColumn_FailsWithMissingColumn()
    {
        var options = ImportOptions.Default.WithColumn(ColumnKey.Loss, "eval/loss");

        var result = ImportText.Csv("params,tokens,loss\n1e8,2e9,3\n", options);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.MissingColumn, error.Code);
        Assert.Contains("ImportOptions.WithColumn(ColumnKey.Loss, \"eval/loss\")", error.Message, StringComparison.Ordinal); // library words since the one-contract change (was --column loss=eval/loss)
    }

    [Theory]
    [InlineData("n=Model Size", ColumnKey.ParameterCount, "Model Size")]
    [InlineData("LOSS=eval=loss", ColumnKey.Loss, "eval=loss")]
    [InlineData("budget=flop_budget", ColumnKey.FlopBudget, "flop_budget")]
    public void TryParseColumnOverride_KeyEqualsName_Parses(string text, ColumnKey key, string name)
    {
        Assert.True(ImportOptions.TryParseColumnOverride(text, out var parsedKey, out var parsedName));
        Assert.Equal((key, name), (parsedKey, parsedName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("n")]
    [InlineData("n=")]
    [InlineData("=loss")]
    [InlineData("tokens=D")]
    public void TryParseColumnOverride_Malformed_Fails(string text)
    {
        Assert.False(ImportOptions.TryParseColumnOverride(text, out _, out _));
    }

    [Fact]
    public void Import_TwoColumnsForOneQuantity_UsesTheFirstAliasAndNotesTheOther()
    {
        var result = ImportText.Csv("parameters,params,tokens,loss\n2e8,1e8,2e9,3\n");

        Assert.True(result.Succeeded);
        Assert.Equal(1e8, Assert.Single(result.RunSet.Runs).ParameterCount);
        var note = Assert.Single(result.Notes);
        Assert.Equal(ImportErrorCode.AmbiguousColumn, note.Code);
    }

    [Fact]
    public void Import_SemicolonSeparatedHeader_DetectsTheSeparator()
    {
        var result = ImportText.Csv("run;params;tokens;loss\na;1e8;2e9;3.25\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(new Run("a", 1e8, 2e9, 1.2e18, 3.25), Assert.Single(result.RunSet.Runs));
    }

    [Fact]
    public void Import_TabSeparatedHeader_DetectsTheSeparator()
    {
        var result = ImportText.Csv("params\ttokens\tloss\n1e8\t2e9\t3\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
    }

    [Fact]
    public void Import_ExcelSeparatorLine_IsHonoured()
    {
        var result = ImportText.Csv("sep=;\nparams;tokens;loss\n1e8;2e9;3\n1e8;abc;3\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportErrorCode.UnparsableNumber, 4, 2), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Import_Utf8ByteOrderMark_IsSkipped()
    {
        var bytes = ImportText.Utf8WithBom("params,tokens,loss\n1e8,2e9,3\n");

        var result = ImportText.Bytes(bytes, ImportFormat.Csv);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal("params", result.Columns[ColumnKey.ParameterCount]);
    }

    [Fact]
    public void Import_Utf16WithByteOrderMark_IsTranscoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("params;tokens;loss\n1e8;2e9;3\n")).ToArray();

        var result = ImportText.Bytes(bytes, ImportFormat.Csv);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(3, Assert.Single(result.RunSet.Runs).Loss);
    }

    [Fact]
    public void Import_CrLfLineEndings_AreReadAndLinesCountedAsUsual()
    {
        var result = ImportText.Csv("params,tokens,loss\r\n1e8,2e9,3\r\n1e8,3e9,x\r\n");

        Assert.Equal((ImportErrorCode.UnparsableNumber, 3), (result.Errors[0].Code, result.Errors[0].Line));
        Assert.True(ImportText.Csv("params,tokens,loss\r\n1e8,2e9,3\r\n").Succeeded);
    }

    [Fact]
    public void Import_QuotedFields_AreUnquotedAndMayHoldSeparatorsAndLineBreaks()
    {
        var result = ImportText.Csv("run,params,tokens,loss\n\"a, \"\"big\"\"\",\"1e8\",2e9,3\n\"two\nlines\",1e8,2e9,3\nc,1e8,2e9,oops\n");

        Assert.Equal(ImportErrorCode.UnparsableNumber, result.Errors[0].Code);
        Assert.Equal(5, result.Errors[0].Line);
        var ok = ImportText.Csv("run,params,tokens,loss\n\"a, \"\"big\"\"\",\"1e8\",2e9,3\n\"two\nlines\",1e8,2e9,3\n");
        Assert.Equal(["a, \"big\"", "two\nlines"], ok.RunSet.Runs.Select(r => r.RunId));
    }

    [Fact]
    public void Import_BlankLinesAndEmptySpreadsheetRows_AreIgnored()
    {
        var result = ImportText.Csv("params,tokens,loss\n\n1e8,2e9,3\n,,\n   \n2e8,2e9,2.9\n,,\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(2, result.RowsRead);
        Assert.Equal(["row3", "row6"], result.RunSet.Runs.Select(r => r.RunId));
    }

    [Fact]
    public void Import_ScientificNotationAndSurroundingSpaces_Parse()
    {
        var result = ImportText.Csv("params,flops,loss\n 6.795e+09 , 9.99E18 ,5.0\n");

        var run = Assert.Single(result.RunSet.Runs);
        Assert.Equal((6.795e9, 9.99e18), (run.ParameterCount, run.Flops));
    }

    [Fact]
    public void Import_RowsSharingARunId_BecomeCurvesWhoseLastPointIsTheRun()
    {
        var result = ImportText.Csv("run,params,tokens,loss\na,1e8,1e9,4\na,1e8,2e9,3.5\na,1e8,3e9,3.2\nb,2e8,1e9,3.9\nb,2e8,2e9,3.3\nc,3e8,5e9,3.0\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(["a", "b", "c"], result.RunSet.Runs.Select(r => r.RunId));
        Assert.Equal(["a", "b"], result.RunSet.Curves.Select(c => c.RunId));
        Assert.Equal(new Run("a", 1e8, 3e9, 6 * 1e8 * 3e9, 3.2), result.RunSet.Runs[0]);
        Assert.Equal([new CurvePoint(1e9, 4), new CurvePoint(2e9, 3.5), new CurvePoint(3e9, 3.2)], result.RunSet.Curves[0].Points);
        Assert.True(result.RunSet.HasCurves);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Import_InterleavedCurveRows_AreGroupedByRun()
    {
        var result = ImportText.Csv("step,run,params,tokens,loss\n1,a,1e8,1e9,4\n1,b,2e8,1e9,3.9\n2,a,1e8,2e9,3.5\n2,b,2e8,2e9,3.3\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([2, 2], result.RunSet.Curves.Select(c => c.Points.Count));
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Import_CurveRowsOutOfTokenOrder_AreSortedWithANote()
    {
        var result = ImportText.Csv("run,params,tokens,loss\na,1e8,3e9,3.2\na,1e8,1e9,4\na,1e8,2e9,3.5\nb,2e8,1e9,3.9\nb,2e8,2e9,3.3\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([1e9, 2e9, 3e9], result.RunSet.Curves[0].Points.Select(p => p.TokenCount));
        Assert.Equal(3.2, result.RunSet.Runs[0].Loss);
        Assert.Equal(3e9, result.RunSet.Runs[0].TokenCount);
        var note = Assert.Single(result.Notes);
        Assert.Equal((ImportErrorCode.CurveSorted, 3), (note.Code, note.Line));
        Assert.Contains("run 'a'", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_FlopsDisagreeingWith6ND_KeepsTheFileValueAndAddsOneSummaryNote()
    {
        var result = ImportText.Csv("params,tokens,flops,loss\n1e8,1e9,6e17,3\n1e8,2e9,2e18,2.9\n1e8,3e9,3e18,2.8\n1e8,4e9,2.6e18,2.7\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        var note = Assert.Single(result.Notes);
        Assert.Equal((ImportErrorCode.FlopDisagreement, 3, 3), (note.Code, note.Line, note.Column));
        Assert.Contains("2 row(s)", note.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", note.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", note.Message, StringComparison.Ordinal);
        Assert.Equal(2e18, result.RunSet.Runs[1].Flops);
        Assert.Equal(2e9, result.RunSet.Runs[1].TokenCount);
    }

    [Fact]
    public void Import_FlopsWithin10PercentOf6ND_AddsNoNote()
    {
        var result = ImportText.Csv("params,tokens,flops,loss\n1e8,1e9,6.5e17,3\n");

        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Import_TokensOrFlopsEmptyInSomeRows_DerivesFromTheOther()
    {
        var result = ImportText.Csv("params,tokens,flops,loss\n1e8,,6e17,3\n1e8,2e9,,2.9\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(1e9, result.RunSet.Runs[0].TokenCount, 6);
        Assert.Equal(1.2e18, result.RunSet.Runs[1].Flops);
    }

    [Fact]
    public void Import_ComputeBudgetColumn_IsComputeAndTheRunsFlopBudget()
    {
        var result = ImportText.Csv("parameters,compute_budget,final_loss\n5e7,6e18,7.1\n7.8e7,6e18,6.7\n5e7,1e19,6.9\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal([6e18, 6e18, 1e19], result.RunSet.Runs.Select(r => r.FlopBudget!.Value));
        Assert.Equal([6e18, 6e18, 1e19], result.RunSet.Runs.Select(r => r.Flops));
    }

    [Fact]
    public void Import_FlopsAndBudgetColumns_TakeCFromFlopsAndTheBudgetFromBudget()
    {
        var result = ImportText.Csv("params,flops,flop_budget,loss\n1e8,5.9e18,6e18,3\n1e8,6.2e18,,3\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal((5.9e18, 6e18), (result.RunSet.Runs[0].Flops, result.RunSet.Runs[0].FlopBudget!.Value));
        Assert.Null(result.RunSet.Runs[1].FlopBudget);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Import_BudgetOverride_SetsFlopBudget()
    {
        var options = ImportOptions.Default.WithColumn(ColumnKey.FlopBudget, "iso");

        var result = ImportText.Csv("params,tokens,iso,loss\n1e8,1e10,6e18,3\n", options);

        Assert.Equal(6e18, Assert.Single(result.RunSet.Runs).FlopBudget);
    }

    [Fact]
    public void Import_SkipBadRows_LeavesBadRowsOutAsNotesAndSucceeds()
    {
        var options = ImportOptions.Default with { SkipBadRows = true };

        var result = ImportText.Csv("run,params,tokens,loss\na,1e8,1e9,4\na,1e8,2e9,nan\na,1e8,3e9,3.2\na,2e8,4e9,3\nb,1e8,0,3\nb,1e8,1e9,3\n", options);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Empty(result.Errors);
        Assert.Equal(
            [(ImportErrorCode.NonFinite, 3), (ImportErrorCode.NChangesWithinRun, 5), (ImportErrorCode.NonPositive, 6)],
            result.Notes.Select(n => (n.Code, n.Line)));
        Assert.All(result.Notes, n => Assert.Contains("left out", n.Message, StringComparison.Ordinal));
        Assert.Equal((6, 3, 3), (result.RowsRead, result.RowsRejected, result.RowsKept));
        Assert.Equal([1e9, 3e9], result.RunSet.Curves.Single().Points.Select(p => p.TokenCount));
        Assert.Equal(["a", "b"], result.RunSet.Runs.Select(r => r.RunId));
    }

    [Fact]
    public void Import_SkipBadRowsWithEveryRowBad_FailsWithNoUsableRows()
    {
        var result = ImportText.Csv("params,tokens,loss\n1e8,2e9,x\n1e8,-2e9,3\n", ImportOptions.Default with { SkipBadRows = true });

        Assert.False(result.Succeeded);
        Assert.Equal(ImportErrorCode.NoUsableRows, Assert.Single(result.Errors).Code);
        Assert.Equal(2, result.Notes.Count);
    }

    [Fact]
    public void Import_SkipBadRowsWithAnUnterminatedQuote_StillFails()
    {
        var result = ImportText.Csv("params,tokens,loss\n1e8,2e9,3\n\"1e8,2e9,3\n", ImportOptions.Default with { SkipBadRows = true });

        Assert.False(result.Succeeded);
        Assert.Equal(ImportErrorCode.UnterminatedQuote, Assert.Single(result.Errors).Code);
        Assert.Throws<ImportFailedException>(() => result.RunSet); // was an empty run set before the one-contract change
    }

    [Fact]
    public void Import_SkipBadRowsWithADuplicate_KeepsTheFirstOccurrence()
    {
        var result = ImportText.Csv("run,params,tokens,loss\na,1e8,1e9,4\na,1e8,2e9,3.5\na,1e8,1e9,3.9\n", ImportOptions.Default with { SkipBadRows = true });

        Assert.True(result.Succeeded);
        Assert.Equal([4.0, 3.5], result.RunSet.Curves.Single().Points.Select(p => p.Loss));
        Assert.Contains("line 2", Assert.Single(result.Notes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_FailedImport_ReadingItsRunSetThrowsTheFirstLocatedError_AndNoRowsAreKept()
    {
        var result = ImportText.Csv("params,tokens,loss\n1e8,2e9,3\n1e8,2e9,x\n");

        Assert.False(result.Succeeded);
        var error = Assert.Throws<ImportFailedException>(() => result.RunSet); // was an empty run set before the one-contract change
        Assert.StartsWith(result.Errors[0].ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Same(result, error.Result);
        Assert.Equal((2, 0, 1), (result.RowsRead, result.RowsKept, result.RowsRejected));
    }

    [Fact]
    public void ToReport_NamesColumnsAndDerivationsAndIssues()
    {
        var report = ImportText.Csv("Model Size,Training FLOP,loss\n1e9,6e19,2.5\n1e9,6e19,x\n").ToReport();

        Assert.Contains("N (parameters): 'Model Size'", report, StringComparison.Ordinal);
        Assert.Contains("D derived as C / (6N)", report, StringComparison.Ordinal);
        Assert.Contains("[UnparsableNumber] test.csv, line 3, column 3 (loss)", report, StringComparison.Ordinal);
    }
}
