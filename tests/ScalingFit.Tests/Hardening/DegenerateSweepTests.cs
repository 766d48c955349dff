using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalingFit.Core;
using ScalingFit.Fitting;
using ScalingFit.IO;
using ScalingFit.Tests.Cli;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Hardening;

/// <summary>
/// Sweeps that parse but cannot support a fit, or support it only with caveats, through <c>scalingfit fit</c> for every
/// approach and <c>fit all</c> (in-process, with <c>--json</c>): each ends with a clear <c>error:</c> line (exit 1) or a
/// result whose diagnostics say what is wrong (exit 0) — never an exception, a stack trace, a NaN in the JSON, or a hang.
/// </summary>
public sealed class DegenerateSweepTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Approaches = ["envelope", "isoflop", "parametric", "all"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly SimulationOptions Simulation = new(ParametricLaw.Paper, NoiseSigma: 0.005, Seed: 41);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The degenerate sweeps: a name, and a maker that writes the files and returns the extra arguments naming them.</summary>
    public static TheoryData<string> Cases => new(
        "single-run", "one-model-size", "one-flop-budget", "minimum-at-edge", "loss-below-E", "identical-duplicates",
        "n-and-d-swapped", "flops-in-pf-days", "too-small-for-the-grid");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DegenerateSweep_EveryApproach_GivesAMessageOrDiagnostics_NeverACrashOrNaN(string name)
    {
        var inputs = Write(name);
        var outcomes = new List<Outcome>();
        var failures = new List<string>();
        foreach (var approach in Approaches)
        {
            var outcome = Run(approach, inputs);
            outcomes.Add(outcome);
            output.WriteLine($"{name} / {approach}: exit {outcome.Code}; stderr: {outcome.Error.Trim().Replace('\n', '|')}");
            try
            {
                AssertWellBehaved(name, outcome);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        AssertCaseSpecific(name, outcomes.ToDictionary(o => o.Approach));

        // inspect summarises the same file without a NaN either (ranges of one run, no budgets, ...).
        string inspectJson = _temp.File("inspect.json");
        var (code, _, error, exception) = ImporterFuzzTests.RunCli(["inspect", "--input", inputs[1], "--json", inspectJson], Timeout);
        Assert.True(exception is null && code == 0, $"inspect: exit {code} {exception}\n{error}");
        AssertNoNonFiniteTokens(File.ReadAllText(inspectJson), name + " / inspect");
    }

    [Fact]
    public void Json_OfFitsThatFailed_WritesNullForEveryMissingNumber_NeverNaN()
    {
        var finalLosses = SweepSimulator.IsoFlop(Simulation, [1e19], sizesPerBudget: 5);
        IAllocationFit[] failed =
        [
            EnvelopeFitter.Fit(finalLosses),  // no curves
            IsoFlopFitter.Fit(finalLosses),   // one budget
            ParametricFitter.Fit(new RunSet([finalLosses.Runs[0], finalLosses.Runs[1]]), ParametricFitOptions.Default with { Grid = ParametricGrid.Coarse }),
        ];
        Assert.Contains(failed, f => double.IsNaN(f.ExponentA.Value));

        string json = FitResultJson.Write(failed);

        AssertNoNonFiniteTokens(json, "failed fits");
        using var doc = JsonDocument.Parse(json);
        var envelope = doc.RootElement.GetProperty("results")[0];
        Assert.Equal(JsonValueKind.Null, envelope.GetProperty("a").GetProperty("value").ValueKind);
        Assert.All(envelope.GetProperty("frontier").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("params").ValueKind));
    }

    private sealed record Outcome(string Approach, int Code, string Out, string Error, string? Json, string JsonPath);

    private Outcome Run(string approach, string[] inputs)
    {
        string json = _temp.File($"{approach}-{Guid.NewGuid():N}.json");
        string[] args = ["fit", approach, .. inputs, "--bootstrap", "20", "--seed", "3", "--threads", "2", "--json", json];
        var (code, stdout, stderr, exception) = ImporterFuzzTests.RunCli(args, Timeout);
        Assert.True(exception is null, $"fit {approach}: {exception}\n{stderr}");
        return new Outcome(approach, code, stdout, stderr, File.Exists(json) ? File.ReadAllText(json) : null, json);
    }

    private static void AssertWellBehaved(string name, Outcome o)
    {
        string what = $"{name} / fit {o.Approach}: exit {o.Code}\n{o.Error}";
        Assert.True(o.Code is 0 or 1, what);
        Assert.DoesNotContain("   at ", o.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", o.Out, StringComparison.Ordinal);
        if (o.Code == 1)
        {
            Assert.Contains(o.Error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal) && l.Length > 20);
            Assert.Null(o.Json); // written completely or not at all, and a failed fit writes nothing
            return;
        }

        Assert.NotNull(o.Json);
        AssertNoNonFiniteTokens(o.Json!, what);
        using var doc = JsonDocument.Parse(o.Json!);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            foreach (var exponent in new[] { "a", "b" })
            {
                var value = r.GetProperty(exponent).GetProperty("value");
                Assert.True(value.ValueKind is JsonValueKind.Number or JsonValueKind.Null, what);
            }
        }
        // A degenerate sweep that still fits must say what is wrong with it: in the JSON's diagnostics or on stderr.
        bool warned = results.Any(r => r.GetProperty("diagnostics").EnumerateArray()
            .Any(d => d.GetProperty("severity").GetString() is "warning" or "error"))
            || o.Error.Contains("warning:", StringComparison.Ordinal) || o.Error.Contains("skipped", StringComparison.Ordinal);
        Assert.True(warned, $"{what}\nthe fit succeeded without a warning:\n{o.Json}");
    }

    /// <summary>System.Text.Json writes NaN/Infinity only as strings or by throwing; the writer must have written null.</summary>
    internal static void AssertNoNonFiniteTokens(string json, string what)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Number)
                Assert.True(double.IsFinite(reader.GetDouble()), what);
            if (reader.TokenType == JsonTokenType.String)
            {
                string? text = reader.GetString();
                Assert.True(text is not ("NaN" or "Infinity" or "-Infinity" or "∞" or "-∞"), $"{what}: a non-finite number written as a string");
            }
        }
    }

    private static void AssertCaseSpecific(string name, Dictionary<string, Outcome> o)
    {
        switch (name)
        {
            case "single-run":
                foreach (var approach in Approaches)
                    Assert.Equal(1, o[approach].Code);
                Assert.Contains("single run", o["parametric"].Error, StringComparison.Ordinal);
                break;
            case "one-model-size":
                Assert.Equal(1, o["envelope"].Code);
                Assert.Contains("same model size", o["envelope"].Error, StringComparison.Ordinal);
                Assert.Contains("warning: Every run has the same model size", o["parametric"].Error, StringComparison.Ordinal);
                // The parametric fitter says a is not determined (an error diagnostic): that is a failed fit, not exit 0.
                Assert.Equal(1, o["parametric"].Code);
                Assert.Contains("not determined", o["parametric"].Error, StringComparison.Ordinal);
                Assert.Equal(1, o["all"].Code);
                break;
            case "one-flop-budget":
                Assert.Equal(1, o["isoflop"].Code);
                break;
            case "minimum-at-edge":
                // IsoFLOP: every valley's vertex is at its smallest size; the report on stdout says so for each budget.
                Assert.Equal(1, o["isoflop"].Code);
                Assert.Contains("budget-excluded", o["isoflop"].Out, StringComparison.Ordinal);
                Assert.Contains("the vertex lies outside the sampled model sizes", o["isoflop"].Out, StringComparison.Ordinal);
                // Envelope: wherever the smallest size stops competing, one size wins everything left; a = 0 is not a result.
                Assert.Equal(1, o["envelope"].Code);
                Assert.Contains("won by one model size", o["envelope"].Error, StringComparison.Ordinal);
                Assert.Contains("skipped envelope", o["all"].Error, StringComparison.Ordinal);
                break;
            case "loss-below-E":
                foreach (var approach in Approaches)
                    Assert.Contains("warning: 4 runs have less than half the median loss", o[approach].Error, StringComparison.Ordinal);
                break;
            case "identical-duplicates":
                foreach (var approach in Approaches)
                    Assert.Contains("warning: ", o[approach].Error, StringComparison.Ordinal);
                Assert.Contains("repeat another run", o["parametric"].Error, StringComparison.Ordinal);
                break;
            case "n-and-d-swapped":
                foreach (var approach in Approaches)
                    Assert.Contains("are the N and D columns swapped?", o[approach].Error, StringComparison.Ordinal);
                break;
            case "flops-in-pf-days":
                foreach (var approach in Approaches)
                {
                    // The importer's note on C vs 6ND, and the data check naming the unit.
                    Assert.Contains("note: ", o[approach].Error, StringComparison.Ordinal);
                    Assert.Contains("petaFLOP/s-days", o[approach].Error, StringComparison.Ordinal);
                }
                break;
            case "too-small-for-the-grid":
                Assert.Equal(0, o["parametric"].Code);
                using (var doc = JsonDocument.Parse(o["parametric"].Json!))
                {
                    var codes = doc.RootElement.GetProperty("results")[0].GetProperty("diagnostics").EnumerateArray()
                        .Select(d => d.GetProperty("code").GetString()).ToArray();
                    Assert.Contains("small-sweep", codes);
                }
                break;
        }
    }

    // ---- the sweeps ---------------------------------------------------------------------------------------------

    /// <summary>Writes the files of a case; returns the <c>--input</c> (and <c>--curves</c>) arguments.</summary>
    private string[] Write(string name)
    {
        string runs = _temp.File(name + ".csv"), curves = _temp.File(name + "-curves.csv");
        var isoFlop = SweepSimulator.IsoFlop(Simulation, [1e18, 1e19, 1e20], sizesPerBudget: 7);
        var curveSweep = SweepSimulator.Curves(Simulation, SweepSimulator.LogSpace(5e7, 2e9, 8), CurveDesign.Default with { CheckpointsPerRun = 12 });
        switch (name)
        {
            case "single-run":
                RunWriter.Write(new RunSet([isoFlop.Runs[3]]), runs);
                RunWriter.Write(new RunSet([curveSweep.Runs[0]], [curveSweep.Curves[0]], FlopRule.Default), curves);
                return ["--input", runs, "--curves", curves];

            case "one-model-size":
                RunWriter.Write(SweepSimulator.Grid(Simulation, [4e8], SweepSimulator.LogSpace(1e9, 1e11, 9)), runs);
                RunWriter.Write(SweepSimulator.Curves(Simulation, [4e8], CurveDesign.Default with { CheckpointsPerRun = 12 }), curves);
                return ["--input", runs, "--curves", curves];

            case "one-flop-budget":
                RunWriter.Write(SweepSimulator.IsoFlop(Simulation, [1e20], sizesPerBudget: 9), runs);
                return ["--input", runs];

            case "minimum-at-edge":
            {
                // Every budget's sizes lie 0.3–1.5 decades above its optimum: each valley's least loss is its smallest size.
                var rows = new List<Run>();
                foreach (double c in new[] { 1e18, 1e19, 1e20, 1e21 })
                {
                    double optimum = ParametricLaw.Paper.OptimalParameterCount(c);
                    foreach (double n in SweepSimulator.LogSpace(optimum * 2, optimum * 30, 7))
                        rows.Add(new Run($"C{c:0e0}-N{n:0.###e0}", n, c / (6 * n), c, ParametricLaw.Paper.Loss(n, c / (6 * n)), c));
                }
                RunWriter.Write(new RunSet(rows), runs);
                // A small model trained far past its optimum beside big models stopped early (2 tokens per parameter):
                // wherever they meet, the smallest model wins, so the envelope shows only the sweep's edge.
                var small = SweepSimulator.Curves(Simulation, [1e8], CurveDesign.Default with { MaxTokensPerParameter = 20_000, CheckpointsPerRun = 12, HorizonsPerSize = 2 });
                var big = SweepSimulator.Curves(Simulation, SweepSimulator.LogSpace(1e9, 1e10, 4),
                    CurveDesign.Default with { MaxTokensPerParameter = 2, CheckpointsPerRun = 12, HorizonsPerSize = 2 });
                RunWriter.Write(new RunSet([.. small.Runs, .. big.Runs], [.. small.Curves, .. big.Curves], FlopRule.Default), curves);
                return ["--input", runs, "--curves", curves];
            }

            case "loss-below-E":
            {
                // A few runs report losses far below the irreducible loss E = 1.69 (e.g. evaluated on training data).
                var rows = isoFlop.Runs.Select((r, i) => i % 6 == 2 ? r with { Loss = 0.4 + 0.01 * i } : r).ToArray();
                RunWriter.Write(new RunSet(rows, [], FlopRule.Default), runs);
                var low = curveSweep.Curves.Select((c, i) => i % 9 == 4
                    ? c with { Points = c.Points.Select(p => p with { Loss = p.Loss * 0.3 }).ToArray() } : c).ToArray();
                RunWriter.Write(new RunSet(low.Select(FinalRun).ToArray(), low, FlopRule.Default), curves);
                return ["--input", runs, "--curves", curves];
            }

            case "identical-duplicates":
            {
                var twice = isoFlop.Runs.Concat(isoFlop.Runs.Select(r => r with { RunId = r.RunId + "-again" })).ToArray();
                RunWriter.Write(new RunSet(twice, [], FlopRule.Default), runs);
                var curvesTwice = curveSweep.Curves.Concat(curveSweep.Curves.Select(c => c with { RunId = c.RunId + "-again" })).ToArray();
                RunWriter.Write(new RunSet(curvesTwice.Select(FinalRun).ToArray(), curvesTwice, FlopRule.Default), curves);
                return ["--input", runs, "--curves", curves];
            }

            case "n-and-d-swapped":
                // The header names the tokens column "params" and the parameters column "tokens".
                File.WriteAllText(runs, Csv(isoFlop.Runs, "run,tokens,params,flops,loss", r => [r.RunId, Num(r.ParameterCount), Num(r.TokenCount), Num(r.Flops), Num(r.Loss)]));
                return ["--input", runs];

            case "flops-in-pf-days":
                File.WriteAllText(runs, Csv(isoFlop.Runs, "run,params,tokens,flops,loss", r => [r.RunId, Num(r.ParameterCount), Num(r.TokenCount), Num(r.Flops / 8.64e19), Num(r.Loss)]));
                return ["--input", runs];

            case "too-small-for-the-grid":
            {
                // Seven runs for five coefficients, spread over sizes and token counts.
                double[] n = [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9, 3.2e9], d = [3e10, 1e9, 8e10, 4e9, 2e11, 1.6e10, 6e10];
                var law = ParametricLaw.Paper;
                var rows = n.Select((v, i) => new Run($"r{i}", v, d[i], 6 * v * d[i], law.Loss(v, d[i]) * (1 + 0.004 * ((i % 3) - 1)))).ToArray();
                RunWriter.Write(new RunSet(rows), runs);
                return ["--input", runs];
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    private static Run FinalRun(TrainingCurve c) =>
        new(c.RunId, c.ParameterCount, c.FinalTokenCount, FlopRule.Default.Flops(c.ParameterCount, c.FinalTokenCount), c.FinalLoss);

    private static string Csv(IEnumerable<Run> runs, string header, Func<Run, string[]> row) =>
        header + "\n" + string.Concat(runs.Select(r => string.Join(',', row(r)) + "\n"));

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
