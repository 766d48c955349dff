using System.Xml.Linq;

namespace ScalingFit.Tests.Cli;

public class ReportCommandTests
{
    [Fact]
    public void Report_SimulatedCurves_WritesSelfContainedHtmlAndEveryFigureAsPngAndSvg()
    {
        using var temp = new TempFolder();
        var curves = temp.File("curves.csv");
        var iso = temp.File("iso.csv");
        CliRunner.Run("simulate", "--design", "curves", "--paper", "--seed", "4", "--output", curves);
        CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--seed", "4", "--output", iso);
        var outDir = temp.File("report");

        var (code, _, error) = CliRunner.Run("report", "--input", iso, "--curves", curves, "--bootstrap", "100", "--grid", "coarse", "--out", outDir);

        Assert.True(code == 0, error);
        var html = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var name in new[] { "frontier", "envelope", "isoflop", "parametric", "residuals", "bootstrap", "loss-frontier", "backtest", "backtest-frontier" })
        {
            var svg = Path.Combine(outDir, name + ".svg");
            Assert.True(File.Exists(svg), svg);
            Assert.Equal("svg", XDocument.Load(svg).Root!.Name.LocalName);
            var png = File.ReadAllBytes(Path.Combine(outDir, name + ".png"));
            Assert.Equal(PngSignature, png[..8]);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "table2.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "results.json")));
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData("png", true, false)]
    [InlineData("svg", false, true)]
    [InlineData("both", true, true)]
    public void Report_Format_WritesOnlyTheFormatsAskedFor(string format, bool png, bool svg)
    {
        using var temp = new TempFolder();
        var iso = temp.File("iso.csv");
        CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--seed", "4", "--output", iso);
        var outDir = temp.File("report");

        var (code, _, error) = CliRunner.Run("report", "--input", iso, "--bootstrap", "20", "--grid", "coarse", "--format", format, "--out", outDir);

        Assert.True(code == 0, error);
        Assert.Equal(png, File.Exists(Path.Combine(outDir, "isoflop.png")));
        Assert.Equal(svg, File.Exists(Path.Combine(outDir, "isoflop.svg")));
        // The page embeds SVG whatever the files.
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(outDir, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownFormat_IsAUsageErrorAndWritesNothing()
    {
        using var temp = new TempFolder();
        var iso = temp.File("iso.csv");
        CliRunner.Run("simulate", "--design", "isoflop", "--paper", "--seed", "4", "--output", iso);
        var outDir = temp.File("report");

        var (code, _, error) = CliRunner.Run("report", "--input", iso, "--format", "jpeg", "--out", outDir);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --format 'jpeg': write png, svg or both.", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Report_MissingOut_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("report", "--input", "x.csv");

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
