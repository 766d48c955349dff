namespace ScalingFit.Tests.Cli;

/// <summary>Library messages name options; the CLI prints its flags instead, translated in one place.</summary>
public class LibraryWordsTests
{
    [Fact]
    public void BadRow_ErrorNamesTheFlag_NotTheLibraryOption()
    {
        using var temp = new TempFolder();
        var file = temp.File("runs.csv");
        File.WriteAllText(file, "run,params,tokens,loss\nr1,4e8,2.5e9,3.05\nr2,1e9,1e9,abc\n");

        var (code, _, error) = CliRunner.Run("inspect", "--input", file);

        Assert.Equal(2, code);
        Assert.Contains("pass --skip-bad-rows to leave out bad rows", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ImportOptions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownColumn_ErrorNamesTheColumnFlag()
    {
        using var temp = new TempFolder();
        var file = temp.File("runs.csv");
        File.WriteAllText(file, "run,params,tokens,loss\nr1,4e8,2.5e9,3.05\n");

        var (code, _, error) = CliRunner.Run("inspect", "--input", file, "--column", "loss=eval/loss");

        Assert.Equal(2, code);
        Assert.Contains("--column loss=eval/loss names no column", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ImportOptions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FitWithoutBootstrap_ReportNamesTheBootstrapFlag()
    {
        using var temp = new TempFolder();
        var sweep = temp.File("iso.csv");
        CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--seed", "3", "--output", sweep);

        var (code, output, _) = CliRunner.Run("fit", "isoflop", "--input", sweep, "--bootstrap", "0");

        Assert.Equal(0, code);
        Assert.Contains("off (pass --bootstrap N for intervals)", output, StringComparison.Ordinal);
    }
}
