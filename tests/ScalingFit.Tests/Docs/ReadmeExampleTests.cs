using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Plotting;
using ScalingFit.Tests.Notebooks;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Docs;

/// <summary>
/// The README's library section shows the short path in five lines; they are compiled here (between the markers) and
/// run on a simulated sweep. The README's block must equal them, with the file and folder names in place of the
/// test's paths.
/// </summary>
public sealed class ReadmeExampleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scalingfit-readme-").FullName;

    private string RunsCsv => Path.Combine(_folder, "runs.csv");

    private string ReportFolder => Path.Combine(_folder, "report");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void ShortPath(TextWriter console)
    {
        // README:begin
        var runs = RunImporter.Import(RunsCsv).RunSet;       // a bad file throws here, naming its first bad line
        var result = ScalingLaws.FitAll(runs);                  // every approach the data supports; result.Skipped says why not
        foreach (var fit in result.Fits)                        // a and b with 95% intervals, e.g. 0.4557 (95%: 0.3857, 0.5212)
            console.WriteLine($"{fit.Approach.Label()}: a = {fit.ExponentA}, b = {fit.ExponentB}");
        ReportWriter.Write(result, ReportFolder);                   // tables, JSON, reports, PNG and SVG figures, index.html
        // README:end
    }

    [Fact]
    public void ReadmeShortPath_IsTheCompiledExample()
    {
        string source = File.ReadAllText(Path.Combine(NotebookTests.RepositoryRoot, "tests", "ScalingFit.Tests", "Docs", "ReadmeExampleTests.cs"));
        string readme = File.ReadAllText(Path.Combine(NotebookTests.RepositoryRoot, "README.md"));
        int begin = source.IndexOf("// README:begin", StringComparison.Ordinal), end = source.IndexOf("// README:end", StringComparison.Ordinal);
        var lines = source[begin..end].Split('\n').Skip(1).Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        string indent = new(' ', lines.Min(l => l.Length - l.TrimStart().Length));
        string expected = string.Join("\n", lines.Select(l => l[indent.Length..]))
            .Replace("RunsCsv", "\"runs.csv\"", StringComparison.Ordinal)
            .Replace("ReportFolder", "\"report\"", StringComparison.Ordinal)
            .Replace("console.WriteLine", "Console.WriteLine", StringComparison.Ordinal);

        Assert.Equal(5, lines.Length);
        Assert.Contains("```csharp\n" + expected + "\n```", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeShortPath_OnASimulatedSweep_PrintsIntervalsAndWritesTheReport()
    {
        var sweep = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 5 });
        RunWriter.Write(sweep, RunsCsv);
        var console = new StringWriter();

        ShortPath(console);

        string printed = console.ToString();
        output.WriteLine(printed);
        Assert.Contains("2. IsoFLOP profiles: a = 0.", printed, StringComparison.Ordinal);
        Assert.Contains("3. parametric fit: a = 0.", printed, StringComparison.Ordinal);
        Assert.Contains("(95%: ", printed, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ReportFolder, "index.html")));
        Assert.True(File.Exists(Path.Combine(ReportFolder, "results.json")));
    }
}
