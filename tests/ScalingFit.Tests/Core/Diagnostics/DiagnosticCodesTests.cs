using System.Text.RegularExpressions;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.Tests.Notebooks;

namespace ScalingFit.Tests.Core.Diagnostics;

public partial class DiagnosticCodesTests
{
    [Fact]
    public void Catalogue_DefinesEveryCodeOnce_InKebabCase_WithAMeaning()
    {
        var codes = DiagnosticCodes.All;

        Assert.True(codes.Count >= 40, $"only {codes.Count} codes found by reflection");
        Assert.Equal(codes.Count, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, c =>
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", c.Code);
            Assert.True(c.Meaning.Length > 20 && c.Meaning.EndsWith('.'), $"{c.Code}: the meaning should be a sentence");
        });
    }

    [Fact]
    public void Catalogue_HasNoSynonyms_ForOneSizeFewSizesAndInvalidValues()
    {
        foreach (var merged in new[] { "single-size", "few-model-sizes", "points-invalid", "runs-invalid", "runs-dropped" })
            Assert.Null(DiagnosticCodes.Find(merged));
        Assert.NotNull(DiagnosticCodes.Find("one-size"));
        Assert.NotNull(DiagnosticCodes.Find("few-sizes"));
        Assert.NotNull(DiagnosticCodes.Find("invalid-values"));
        Assert.NotNull(DiagnosticCodes.Find("dropped-highest"));
    }

    [Fact]
    public void EveryCatalogueCode_IsDocumentedWithItsSeverity()
    {
        string docs = File.ReadAllText(Path.Combine(NotebookTests.RepositoryRoot, "docs", "diagnostics.md"));

        Assert.All(DiagnosticCodes.All, c =>
            Assert.Contains($"| `{c.Code}` | {c.Severity.ToString().ToLowerInvariant()} |", docs));
        var documented = DocumentedCode().Matches(docs).Select(m => m.Groups[1].Value).ToArray();
        Assert.All(documented, code => Assert.NotNull(DiagnosticCodes.Find(code)));
    }

    [Fact]
    public void LibrarySources_RaiseNoCodeOutsideTheCatalogue()
    {
        // Codes spelled as literals (Diagnostic.Warning("code", …), new Diagnostic("code", …)) must still be catalogued.
        var sources = Directory.EnumerateFiles(Path.Combine(NotebookTests.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories);
        var literals = sources.SelectMany(f => LiteralCode().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Code: m.Groups[1].Value))).ToArray();

        Assert.All(literals, l => Assert.True(DiagnosticCodes.Find(l.Code) is not null, $"{l.File} raises '{l.Code}', which is not in DiagnosticCodes"));
    }

    [Fact]
    public void DiagnosticsOfDegenerateFits_UseOnlyCataloguedCodes()
    {
        var paper = SweepSimulator.IsoFlop(SimulationOptions.Default with { Seed = 3 });
        var oneSize = new RunSet([.. Enumerable.Range(0, 8).Select(i => new Run($"r{i}", 1e8, 1e9 * (i + 1), 6e17 * (i + 1), 3 - 0.1 * i))]);
        var tiny = new RunSet([.. paper.Runs.Take(4)]);
        var none = BootstrapOptions.Default with { Resamples = 20 };

        var found = new List<Diagnostic>();
        foreach (var runs in new[] { paper, oneSize, tiny, new RunSet([]) })
        {
            found.AddRange(DataChecks.Check(runs));
            found.AddRange(IsoFlopFitter.Fit(runs, IsoFlopFitOptions.Default with { Bootstrap = none }).Diagnostics);
            found.AddRange(EnvelopeFitter.Fit(runs, EnvelopeFitOptions.Default with { Bootstrap = none }).Diagnostics);
            found.AddRange(ParametricFitter.Fit(runs, ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse, Bootstrap = none }).Diagnostics);
        }

        Assert.True(found.Select(d => d.Code).Distinct().Count() >= 8);
        Assert.All(found, d => Assert.True(DiagnosticCodes.Find(d.Code) is not null, $"'{d.Code}' is not in DiagnosticCodes"));
    }

    [GeneratedRegex(@"^\| `([a-z-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();

    [GeneratedRegex(@"(?:Diagnostic\.(?:Info|Warning|Error)|new Diagnostic)\(\s*""([^""]+)""")]
    private static partial Regex LiteralCode();
}
