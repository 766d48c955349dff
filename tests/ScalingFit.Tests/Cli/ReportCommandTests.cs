using System.Xml.Linq;

namespace ScalingFit.Tests.Cli;

public class ReportCommandTests
{
    [Fact]
    public void Report_SimulatedCurves_WritesSelfContainedHtmlAndEveryFigureAsSvg()
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
        foreach (var svg in new[] { "frontier.svg", "envelope.svg", "isoflop.svg", "parametric.svg", "residuals.svg", "bootstrap.svg" })
        {
            var path = Path.Combine(outDir, svg);
            Assert.True(File.Exists(path), svg);
            Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "table2.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "results.json")));
    }

    [Fact]
    public void Report_MissingOut_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("report", "--input", "x.csv");

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }
}
