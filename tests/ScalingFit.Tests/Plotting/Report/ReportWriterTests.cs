using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Plotting;

namespace ScalingFit.Tests.Plotting.Report;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scalingfit-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static FitAllResult Fits()
    {
        var few = BootstrapOptions.Default with { Resamples = 30 };
        var runs = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 8 });
        return ScalingLaws.FitAll(runs, FitAllOptions.Default with
        {
            IsoFlop = IsoFlopFitOptions.Default with { Bootstrap = few },
            Parametric = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = few },
        });
    }

    [Fact]
    public void Write_ComparedWithPublished_WritesJsonTables2And3ReportsFiguresAndHtml()
    {
        var files = ReportWriter.Write(Fits(), _folder);

        foreach (var name in new[] { "results.json", "table2.md", "table2.csv", "table3.md", "table3.csv", "report-isoflop.txt", "report-parametric.txt", "frontier.svg", "index.html" })
            Assert.True(File.Exists(Path.Combine(_folder, name)), name);
        Assert.Equal(2, files.TableCount);
        Assert.Equal(2, files.ReportCount);
        Assert.Equal(files.Files.Count, Directory.GetFiles(_folder).Length);
        Assert.DoesNotContain(Directory.GetFiles(_folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Contains("2. IsoFLOP profiles", File.ReadAllText(Path.Combine(_folder, "index.html")), StringComparison.Ordinal);
        Assert.StartsWith("wrote index.html", files.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithoutPublished_WritesOneExponentsTable()
    {
        var files = ReportWriter.Write(Fits(), _folder, ReportOptions.Default with { CompareWithPublished = false, Title = "mine" });

        Assert.Equal(["exponents"], files.Tables.Select(t => t.Name));
        Assert.True(File.Exists(Path.Combine(_folder, "exponents.csv")));
        Assert.False(File.Exists(Path.Combine(_folder, "table2.md")));
    }

    [Fact]
    public void Write_NineBudgets_AddsLossFrontierAndBacktestFiguresAndLossFrontiersInResultsJson()
    {
        var files = ReportWriter.Write(Fits(), _folder);

        // No curves, so no envelope figure: frontier, isoflop, parametric, residuals, bootstrap, loss-frontier, backtest, backtest-frontier.
        Assert.Equal(8, files.FigureCount);
        Assert.True(File.Exists(Path.Combine(_folder, "loss-frontier.svg")));
        Assert.True(File.Exists(Path.Combine(_folder, "backtest.svg")));
        Assert.True(File.Exists(Path.Combine(_folder, "backtest-frontier.svg")));
        var (frontiers, problem) = ScalingFit.IO.LossFrontierJson.Read(File.ReadAllText(Path.Combine(_folder, "results.json")));
        Assert.Null(problem);
        Assert.Equal([Approach.IsoFlop, Approach.Parametric], frontiers!.Select(f => f.Approach));
        Assert.All(frontiers!, f => Assert.Equal(30, f.ResamplesRequested));
    }

    [Fact]
    public void Write_TwoBudgets_NoBacktestFigureAndTheHtmlSaysWhy()
    {
        var few = BootstrapOptions.Default with { Resamples = 20 };
        var runs = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 8 }, [1e19, 1e20]);
        var fits = ScalingLaws.FitAll(runs, FitAllOptions.Default with
        {
            IsoFlop = IsoFlopFitOptions.Default with { Bootstrap = few },
            Parametric = ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = few },
        });

        var files = ReportWriter.Write(fits, _folder);

        Assert.False(File.Exists(Path.Combine(_folder, "backtest.svg")));
        Assert.True(File.Exists(Path.Combine(_folder, "loss-frontier.svg")));
        string html = File.ReadAllText(Path.Combine(_folder, "index.html"));
        Assert.Contains("no-backtest", html, StringComparison.Ordinal);
        Assert.Contains("No backtest: Holding out 1 of the 2 FLOP budgets leaves 1", html, StringComparison.Ordinal);
        Assert.Equal(6, files.FigureCount);
    }
}
