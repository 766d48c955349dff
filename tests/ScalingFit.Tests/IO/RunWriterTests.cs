using System.Globalization;
using System.Text;
using ScalingFit.Core;
using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

public sealed class RunWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scalingfit-writer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Two curves (one given C that is not 6ND), a single run with an awkward id, budgets on some runs, awkward doubles.</summary>
    private static RunSet Sample()
    {
        var a = new TrainingCurve("a", 1.2345678901234567e8, [new CurvePoint(1e9, 4.1), new CurvePoint(2e9, 3.7), new CurvePoint(3.333333333333333e9, 3.4999999999999996)]);
        var b = new TrainingCurve("b \"quoted\", with comma", 7e8, [new CurvePoint(5e8, 3.9), new CurvePoint(1e9, 3.3)]);
        Run[] runs =
        [
            new("a", a.ParameterCount, a.FinalTokenCount, 6 * a.ParameterCount * a.FinalTokenCount, a.FinalLoss, 2.5e18),
            new("single", 3e8, 6e9, 1.1e19, 2.95),
            new(b.RunId, b.ParameterCount, b.FinalTokenCount, 5e18, b.FinalLoss),
        ];
        return new RunSet(runs, [a, b], FlopRule.Default);
    }

    [Theory]
    [InlineData(ImportFormat.Csv)]
    [InlineData(ImportFormat.JsonLines)]
    [InlineData(ImportFormat.JsonArray)]
    public void WriteThenImport_RunsAndCurves_RoundTripExactly(ImportFormat format)
    {
        var original = Sample();
        using var stream = new MemoryStream();

        RunWriter.Write(original, stream, format);
        stream.Position = 0;
        var result = RunImporter.Import(stream, format, "round-trip");

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(original.Runs, result.RunSet.Runs);
        Assert.Equal(original.Curves.Select(c => (c.RunId, c.ParameterCount)), result.RunSet.Curves.Select(c => (c.RunId, c.ParameterCount)));
        Assert.Equal(original.Curves.Select(c => c.Points.ToArray()), result.RunSet.Curves.Select(c => c.Points.ToArray()));
        Assert.Equal(6, result.RowsKept);

        // Run b's C is not 6ND, so the importer notes it; nothing else.
        Assert.Equal(ImportErrorCode.FlopDisagreement, Assert.Single(result.Notes).Code);
    }

    [Fact]
    public void WriteCsv_WritesTheDocumentedColumnsAndOneRowPerCurvePoint()
    {
        using var stream = new MemoryStream();

        RunWriter.WriteCsv(Sample(), stream);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("run,params,tokens,flops,loss,budget", lines[0]);
        Assert.Equal(7, lines.Length);
        var n = 1.2345678901234567e8;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"a,{n},1000000000,{6 * n * 1e9},4.1,2.5E+18"), lines[1]);
        Assert.StartsWith("\"b \"\"quoted\"\", with comma\",", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(",", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_WithoutBudgets_OmitsTheBudgetColumn()
    {
        using var stream = new MemoryStream();

        RunWriter.WriteCsv(new RunSet([new Run("x", 1e8, 2e9, 1.2e18, 3)]), stream);

        Assert.Equal("run,params,tokens,flops,loss\nx,100000000,2000000000,1.2E+18,3\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_ToAPath_WritesTheFormatOfItsExtensionAtomically()
    {
        var path = Path.Combine(folder, "runs.jsonl");
        File.WriteAllText(path, "old");

        RunWriter.Write(Sample(), path);

        var result = RunImporter.Import(path);
        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(3, result.RunSet.Runs.Count);
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void Write_ToAnUnknownExtension_Throws()
    {
        Assert.Throws<ArgumentException>(() => RunWriter.Write(Sample(), Path.Combine(folder, "runs.xlsx")));
        Assert.Empty(Directory.GetFiles(folder));
    }
}
