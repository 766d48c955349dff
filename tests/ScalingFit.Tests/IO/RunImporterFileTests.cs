using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

public sealed class RunImporterFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scalingfit-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("runs.csv", ImportFormat.Csv)]
    [InlineData("RUNS.CSV", ImportFormat.Csv)]
    [InlineData("runs.tsv", ImportFormat.Csv)]
    [InlineData("curves.jsonl", ImportFormat.JsonLines)]
    [InlineData("curves.ndjson", ImportFormat.JsonLines)]
    [InlineData("isoflops.json", ImportFormat.JsonArray)]
    public void TryGetFormat_KnownExtension_NamesTheFormat(string file, ImportFormat format)
    {
        Assert.True(RunImporter.TryGetFormat(file, out var found));
        Assert.Equal(format, found);
    }

    [Fact]
    public void Import_FileOnDisk_IsReadByItsExtension()
    {
        var path = Path.Combine(folder, "runs.jsonl");
        File.WriteAllText(path, "{\"params\":1e8,\"tokens\":2e9,\"loss\":3}\n{\"params\":1e8,\"tokens\":2e9,\"loss\":\"bad\"}\n");

        var result = RunImporter.Import(path);

        Assert.Equal(ImportFormat.JsonLines, result.Format);
        var error = Assert.Single(result.Errors);
        Assert.Equal((path, 2, ImportErrorCode.UnparsableNumber), (error.File, error.Line, error.Code));
    }

    [Fact]
    public void Import_MissingFile_ReportsFileNotFound()
    {
        var path = Path.Combine(folder, "nope.csv");

        var result = RunImporter.Import(path);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((ImportErrorCode.FileNotFound, path, 0, 0), (error.Code, error.File, error.Line, error.Column));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingFolder_ReportsFileNotFound()
    {
        var result = RunImporter.Import(Path.Combine(folder, "no-such-folder", "runs.csv"));

        Assert.Equal(ImportErrorCode.FileNotFound, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Import_Folder_ReportsUnreadable()
    {
        var path = Directory.CreateDirectory(Path.Combine(folder, "looks-like.csv")).FullName;

        var result = RunImporter.Import(path);

        Assert.Equal(ImportErrorCode.Unreadable, Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("runs.xlsx")]
    [InlineData("runs.parquet")]
    [InlineData("runs")]
    public void Import_UnknownExtension_ReportsUnsupportedFormat(string file)
    {
        var result = RunImporter.Import(Path.Combine(folder, file));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.UnsupportedFormat, error.Code);
        Assert.Null(result.Format);
        Assert.Contains(".jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            RunImporter.Import(new StringReader("params,tokens,loss\n1,2,3\n"), ImportFormat.Csv, "x", null, cancellation.Token));
    }

    [Fact]
    public void Import_LargeCurveCsv_IsStreamedAndGroupedCorrectly()
    {
        var path = Path.Combine(folder, "big.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("run,params,tokens,loss\n");
            for (var point = 1; point <= 2000; point++)
            {
                for (var run = 0; run < 50; run++)
                    writer.Write($"run-{run},{(run + 1) * 1e7},{point * 1e6},{2 + (1.0 / point)}\n");
            }
        }

        var result = RunImporter.Import(path);

        Assert.True(result.Succeeded, ImportText.Describe(result));
        Assert.Equal(100_000, result.RowsKept);
        Assert.Equal(50, result.RunSet.Curves.Count);
        Assert.All(result.RunSet.Curves, c => Assert.Equal(2000, c.Points.Count));
        Assert.Equal(2e9, result.RunSet.Runs[7].TokenCount);
        Assert.Equal(8e7, result.RunSet.Runs[7].ParameterCount);
    }
}
