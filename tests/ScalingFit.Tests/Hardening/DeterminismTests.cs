using ScalingFit.Core;
using ScalingFit.IO;
using ScalingFit.Tests.Cli;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Hardening;

/// <summary>
/// The same seed gives byte-identical <c>--json</c> output whatever <c>--threads</c> is (1, 2 and 8), for every approach
/// and for <c>fit all</c>. The JSON holds no timings or other run-dependent fields, so the whole file is compared.
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int[] ThreadCounts = [1, 2, 8];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, bool> Approaches => new()
    {
        { "envelope", false }, { "isoflop", false }, { "parametric", false }, { "all", false },
        { "all", true }, // the paper's protocol: subsamples of 80% instead of resamples with replacement
    };

    [Theory]
    [MemberData(nameof(Approaches))]
    public void Fit_SameSeed_GivesByteIdenticalJson_WithOneTwoAndEightThreads(string approach, bool paperProtocol)
    {
        var inputs = Inputs(approach);
        var outputs = new List<(int Threads, byte[] Json)>();
        foreach (int threads in ThreadCounts)
        {
            string json = _temp.File($"{approach}-{threads}.json");
            string[] args = ["fit", approach, .. inputs, "--bootstrap", "200", "--seed", "7", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", json];
            if (paperProtocol)
                args = [.. args, "--paper-protocol"];
            var (code, _, error, exception) = ImporterFuzzTests.RunCli(args, TimeSpan.FromSeconds(120));
            Assert.True(exception is null && code == 0, $"fit {approach} --threads {threads}: exit {code}, {exception}\n{error}");
            outputs.Add((threads, File.ReadAllBytes(json)));
        }

        output.WriteLine($"fit {approach}{(paperProtocol ? " --paper-protocol" : "")}: {outputs[0].Json.Length} bytes of JSON with --threads {string.Join(", ", ThreadCounts)}");
        foreach (var (threads, json) in outputs.Skip(1))
            Assert.True(WithoutProvenance(outputs[0].Json).AsSpan().SequenceEqual(WithoutProvenance(json)), $"fit {approach}: --threads {threads} differs from --threads 1 at {FirstDifference(WithoutProvenance(outputs[0].Json), WithoutProvenance(json))}");
        DegenerateSweepTests.AssertNoNonFiniteTokens(System.Text.Encoding.UTF8.GetString(outputs[0].Json), approach);
        using var doc = System.Text.Json.JsonDocument.Parse(outputs[0].Json);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        string[] expected = approach == "all" ? ["envelope", "isoflop", "parametric"] : [approach];
        Assert.Equal(expected, results.Select(r => r.GetProperty("approach").GetString()!).Order(StringComparer.Ordinal));
        foreach (var r in results)
        {
            Assert.Equal(paperProtocol ? 100 : 200, r.GetProperty("bootstrap").GetProperty("requested").GetInt32());
            Assert.Equal(JsonValueKindNumber, r.GetProperty("a").GetProperty("low").ValueKind);
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNumber = System.Text.Json.JsonValueKind.Number;

    /// <summary>
    /// The JSON up to its provenance block, which records the options as given (--threads and the --json path differ by
    /// design); the block is written last, so every result byte before it is still compared.
    /// </summary>
    private static byte[] WithoutProvenance(byte[] json)
    {
        string text = System.Text.Encoding.UTF8.GetString(json);
        int at = text.IndexOf("\"provenance\":", StringComparison.Ordinal);
        Assert.True(at > 0, "the JSON has a provenance block");
        return System.Text.Encoding.UTF8.GetBytes(text[..at]);
    }

    private string[] Inputs(string approach)
    {
        var options = new SimulationOptions(ParametricLaw.Paper, NoiseSigma: 0.01, Seed: 11);
        string isoFlop = _temp.File("isoflop.csv"), curves = _temp.File("curves.csv"), grid = _temp.File("grid.csv");
        switch (approach)
        {
            case "envelope":
                RunWriter.Write(SweepSimulator.Curves(options, SweepSimulator.LogSpace(4e7, 3e9, 10)), curves);
                return ["--input", curves];
            case "isoflop":
                RunWriter.Write(SweepSimulator.IsoFlop(options), isoFlop);
                return ["--input", isoFlop];
            case "parametric":
                RunWriter.Write(SweepSimulator.Grid(options, SweepSimulator.LogSpace(1e7, 1e10, 8), SweepSimulator.LogSpace(1e8, 1e12, 8)), grid);
                return ["--input", grid, "--grid", "paper"];
            default:
                RunWriter.Write(SweepSimulator.IsoFlop(options), isoFlop);
                RunWriter.Write(SweepSimulator.Curves(options with { Seed = 12 }, SweepSimulator.LogSpace(4e7, 3e9, 10)), curves);
                return ["--input", isoFlop, "--curves", curves];
        }
    }

    private static string FirstDifference(byte[] a, byte[] b)
    {
        var left = System.Text.Encoding.UTF8.GetString(a).Split('\n');
        var right = System.Text.Encoding.UTF8.GetString(b).Split('\n');
        for (int i = 0; i < Math.Min(left.Length, right.Length); i++)
            if (left[i] != right[i])
                return $"line {i + 1}:\n  {left[i].Trim()}\n  {right[i].Trim()}";
        return $"length {a.Length} vs {b.Length}";
    }
}
