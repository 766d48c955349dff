using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO.Frames;

public sealed class RunSetFramesTests
{
    private static DataFrame Frame(string[] runs, double?[] parameters, double?[] tokens, double?[] losses) => new(
        new StringDataFrameColumn("run", runs),
        new DoubleDataFrameColumn("params", parameters),
        new DoubleDataFrameColumn("tokens", tokens),
        new DoubleDataFrameColumn("loss", losses));

    private static void AssertSameRuns(RunSet expected, RunSet actual)
    {
        Assert.Equal(expected.Runs, actual.Runs);
        Assert.Equal(expected.Curves.Count, actual.Curves.Count);
        for (int i = 0; i < expected.Curves.Count; i++)
        {
            Assert.Equal(expected.Curves[i].RunId, actual.Curves[i].RunId);
            Assert.Equal(expected.Curves[i].ParameterCount, actual.Curves[i].ParameterCount);
            Assert.Equal(expected.Curves[i].Points, actual.Curves[i].Points);
        }
    }

    [Fact]
    public void FromDataFrame_TypedColumns_GivesTheRunsTheCsvImporterGivesForTheSameTable()
    {
        var frame = Frame(["a", "b", "c"], [1e8, 4e8, 1e9], [2e9, 8e9, 2e10], [3.5, 3.0, 2.7]);

        var result = RunSet.FromDataFrame(frame);
        var fromCsv = ImportText.Csv("run,params,tokens,loss\na,1e8,2e9,3.5\nb,4e8,8e9,3.0\nc,1e9,2e10,2.7\n");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(ImportFormat.DataFrame, result.Format);
        AssertSameRuns(fromCsv.RunSet, result.RunSet);
        Assert.True(result.FlopsDerived);
        Assert.Equal((3, 3, 0), (result.RowsRead, result.RowsKept, result.RowsRejected));
    }

    [Fact]
    public void ToDataFrame_ThenFromDataFrame_RoundTripsRunsCurvesAndBudgets()
    {
        RunSet isoFlop = SweepSimulator.IsoFlop(SimulationOptions.Default);
        RunSet curves = SweepSimulator.Curves(SimulationOptions.Default, SweepSimulator.LogSpace(4.4e7, 3e9, 4));
        Assert.Contains(isoFlop.Runs, r => r.FlopBudget is not null);
        Assert.True(curves.HasCurves);

        foreach (var runs in new[] { isoFlop, curves })
        {
            DataFrame frame = runs.ToDataFrame();
            var back = RunSet.FromDataFrame(frame);

            Assert.True(back.Succeeded, ImportText.Describe(back));
            AssertSameRuns(runs, back.RunSet);
            Assert.Equal(RunSetFrames.ColumnNames.Take(frame.Columns.Count), frame.Columns.Select(c => c.Name));
        }
    }

    [Fact]
    public void ToDataFrame_CurveRuns_OneRowPerCheckpoint()
    {
        RunSet curves = SweepSimulator.Curves(SimulationOptions.Default, SweepSimulator.LogSpace(4.4e7, 3e9, 3));

        DataFrame frame = curves.ToDataFrame();

        Assert.Equal(curves.Curves.Sum(c => c.Points.Count), frame.Rows.Count);
        Assert.Equal(typeof(double), frame.Columns["loss"].DataType);
        Assert.Equal(typeof(string), frame.Columns["run"].DataType);
    }

    [Fact]
    public void FromDataFrame_NonPositiveLoss_IsLocatedByRowIndexAndColumnName()
    {
        var frame = Frame(["a", "b", "c"], [1e8, 4e8, 1e9], [2e9, 8e9, 2e10], [3.5, 3.0, -1]);

        var result = RunSet.FromDataFrame(frame);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.NonPositive, error.Code);
        Assert.Equal(2, error.RowIndex);
        Assert.Equal("loss", error.ColumnName);
        Assert.StartsWith("DataFrame, row 2, column 'loss': '-1' in column 'loss' is not positive", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
        Assert.Contains("ImportOptions.SkipBadRows", error.Message, StringComparison.Ordinal);
        Assert.Throws<ImportFailedException>(() => result.RunSet); // was an empty run set before the one-contract change
    }

    [Fact]
    public void FromDataFrame_MissingAndNonFiniteValues_AreErrorsOfTheirKind()
    {
        var frame = Frame(["a", "b", "c"], [1e8, null, 1e9], [2e9, 8e9, double.PositiveInfinity], [3.5, 3.0, 2.7]);

        var result = RunSet.FromDataFrame(frame);

        Assert.Equal([(ImportErrorCode.MissingValue, 1, "params"), (ImportErrorCode.NonFinite, 2, "tokens")],
            result.Errors.Select(e => (e.Code, e.RowIndex!.Value, e.ColumnName!)));
    }

    [Fact]
    public void FromDataFrame_TextCells_AreParsedInTheInvariantCultureOnly()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("params", ["1e8", "4e8", "1e9"]),
            new StringDataFrameColumn("tokens", ["2e9", "8e9", "2e10"]),
            new StringDataFrameColumn("loss", ["3.5", "2,5", "abc"]));

        var result = RunSet.FromDataFrame(frame);

        Assert.Equal([(ImportErrorCode.UnparsableNumber, 1), (ImportErrorCode.UnparsableNumber, 2)],
            result.Errors.Select(e => (e.Code, e.RowIndex!.Value)));
        Assert.Contains("Use '.' as the decimal point", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDataFrame_DuplicateCheckpoint_NamesTheEarlierRowByIndex()
    {
        var frame = Frame(["a", "a", "a"], [1e8, 1e8, 1e8], [1e9, 2e9, 1e9], [3.9, 3.5, 3.8]);

        var result = RunSet.FromDataFrame(frame);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.DuplicateRow, error.Code);
        Assert.Equal(2, error.RowIndex);
        Assert.Contains("(row 0)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDataFrame_SkipBadRows_KeepsTheRestAndNotesTheRowLeftOut()
    {
        var frame = Frame(["a", "b", "c"], [1e8, 4e8, 1e9], [2e9, 0, 2e10], [3.5, 3.0, 2.7]);

        var result = RunSet.FromDataFrame(frame, options: ImportOptions.Default with { SkipBadRows = true });

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(["a", "c"], result.RunSet.Runs.Select(r => r.RunId));
        var note = Assert.Single(result.Notes, n => n.Code == ImportErrorCode.NonPositive);
        Assert.Equal(1, note.RowIndex);
    }

    [Fact]
    public void FromDataFrame_NamedColumns_AreUsedInsteadOfTheCommonNames()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("model", ["tiny", "small"]),
            new DoubleDataFrameColumn("non_embedding_params", [1.2e8, 3.5e8]),
            new DoubleDataFrameColumn("params", [9, 9]),
            new DoubleDataFrameColumn("compute", [1.728e18, 1.47e19]),
            new DoubleDataFrameColumn("final_eval", [3.41, 3.02]));

        var result = RunSet.FromDataFrame(frame, run: "model", parameters: "non_embedding_params", flops: "compute", loss: "final_eval");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(["tiny", "small"], result.RunSet.Runs.Select(r => r.RunId));
        Assert.Equal([1.2e8, 3.5e8], result.RunSet.Runs.Select(r => r.ParameterCount));
        Assert.Equal(2.4e9, result.RunSet.Runs[0].TokenCount, 6);
        Assert.True(result.TokensDerived);
    }

    [Fact]
    public void FromDataFrame_NoLossColumn_FailsNamingTheColumnsFound()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("params", [1e8]), new DoubleDataFrameColumn("tokens", [2e9]));

        var result = RunSet.FromDataFrame(frame);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.MissingColumn, error.Code);
        Assert.Null(error.RowIndex);
        Assert.Contains("'params', 'tokens'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDataFrame_IntegerAndFloatColumns_AreReadAsTheirShortestDecimal()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("params", [100_000_000L]),
            new SingleDataFrameColumn("tokens", [2e9f]),
            new SingleDataFrameColumn("loss", [3.05f]));

        var result = RunSet.FromDataFrame(frame);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(new Run("row0", 1e8, 2e9, 1.2e18, 3.05), result.RunSet.Runs[0]);
        Assert.Equal(["tokens", "loss"], result.Notes.Where(n => n.Code == ImportErrorCode.SinglePrecisionColumn).Select(n => n.ColumnName));
    }

    /// <summary>
    /// de-DE's number format on a copy of the invariant culture (the build sets InvariantGlobalization, under which
    /// <c>new CultureInfo("de-DE")</c> throws): comma decimal, dot grouping.
    /// </summary>
    private static CultureInfo CommaDecimalCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    private const string Csv = "run,params,tokens,loss\nr1,4.0e8,2.5e9,2.5\nr2,1.0e9,1.0e9,3.01\n";

    private static MemoryStream CsvStream() => new(Encoding.UTF8.GetBytes(Csv));

    [Fact]
    public void DataFrameLoadCsv_GuessingTypesUnderACommaDecimalCulture_Reads2Point5As25()
    {
        // The pitfall the README and DataFrameCsv document: guessed float columns, parsed with the culture's grouping dot.
        DataFrame guessed = DataFrame.LoadCsv(CsvStream(), cultureInfo: CommaDecimalCulture());

        Assert.Equal(typeof(float), guessed.Columns["loss"].DataType);
        Assert.Equal(25f, guessed.Columns["loss"][0]);
    }

    [Fact]
    public void DataFrameCsvLoad_UnderACommaDecimalCulture_ReadsWhatTheImporterReads()
    {
        var original = CultureInfo.CurrentCulture;
        DataFrame frame;
        try
        {
            CultureInfo.CurrentCulture = CommaDecimalCulture();
            frame = DataFrameCsv.Load(CsvStream());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal(typeof(double), frame.Columns["loss"].DataType);
        Assert.Equal(typeof(string), frame.Columns["run"].DataType);
        Assert.Equal(2.5, frame.Columns["loss"][0]);
        var result = RunSet.FromDataFrame(frame);
        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.DoesNotContain(result.Notes, n => n.Code == ImportErrorCode.SinglePrecisionColumn);
        AssertSameRuns(ImportText.Csv(Csv).RunSet, result.RunSet);
    }

    [Fact]
    public void FromDataFrame_FrameLoadedWithGuessedTypes_NotesEverySinglePrecisionColumn()
    {
        DataFrame guessed = DataFrame.LoadCsv(CsvStream(), cultureInfo: CommaDecimalCulture());

        var result = RunSet.FromDataFrame(guessed);

        var notes = result.Notes.Where(n => n.Code == ImportErrorCode.SinglePrecisionColumn).ToList();
        Assert.Equal(["params", "tokens", "loss"], notes.Select(n => n.ColumnName));
        Assert.Contains("dataTypes", notes[0].Message, StringComparison.Ordinal);
        Assert.Contains("InvariantCulture", notes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataFrameCsvLoad_QuotedHeaderNames_TypesTheColumnsTheImporterRecognises()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("\"run, id\",\"Model Size\",tokens,\"val_loss\",notes\na,1e8,2e9,3.5,\"x, y\"\n"));

        DataFrame frame = DataFrameCsv.Load(stream);

        Assert.Equal(["run, id", "Model Size", "tokens", "val_loss", "notes"], frame.Columns.Select(c => c.Name));
        Assert.Equal([typeof(string), typeof(double), typeof(double), typeof(double), typeof(string)], frame.Columns.Select(c => c.DataType));
        Assert.Equal("x, y", frame.Columns["notes"][0]);
    }
}
