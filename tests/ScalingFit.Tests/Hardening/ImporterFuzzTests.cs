using System.Diagnostics;
using ScalingFit.Cli;
using ScalingFit.IO;
using ScalingFit.Tests.Cli;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Hardening;

/// <summary>
/// A seeded fuzz test of <see cref="RunImporter"/> and of the CLI on what it produces: whatever the bytes, the importer
/// returns (no exception, no hang), locates every issue, and accepts only finite positive N, D, C and losses; the CLI
/// answers with exit 0, 1 or 2 and one <c>error:</c> line naming the file, never a stack trace.
/// </summary>
public sealed class ImporterFuzzTests(ITestOutputHelper output)
{
    private const long Seed = 20220329;
    private const int Inputs = 3000;
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Issues about the whole file rather than a line (line 0 allowed).</summary>
    private static readonly HashSet<ImportErrorCode> FileLevel =
    [
        ImportErrorCode.FileNotFound, ImportErrorCode.Unreadable, ImportErrorCode.UnsupportedFormat, ImportErrorCode.EmptyFile,
        ImportErrorCode.NoUsableRows, ImportErrorCode.TooManyIssues,
    ];

    [Fact]
    public void Import_ThreeThousandFuzzedInputs_NeverThrowsOrHangs_LocatesEveryIssue_AcceptsOnlyFinitePositiveData()
    {
        var watch = Stopwatch.StartNew();
        var failures = new List<string>();
        int accepted = 0, rejected = 0, acceptedWithNotes = 0;
        var codes = new Dictionary<ImportErrorCode, int>();
        foreach (var input in new FuzzInputs(Seed).Generate(Inputs))
        {
            var result = ImportWithTimeout(input, out string? failure);
            if (failure is not null)
            {
                failures.Add(failure);
                continue;
            }
            var problems = Check(input, result!);
            failures.AddRange(problems.Select(p => $"#{input.Index} [{input.Recipe}] {p}\n    input: {input.Preview}"));
            if (result!.Succeeded)
            {
                accepted++;
                acceptedWithNotes += result.Notes.Count > 0 ? 1 : 0;
            }
            else
            {
                rejected++;
            }
            foreach (var issue in result.Errors)
                codes[issue.Code] = codes.GetValueOrDefault(issue.Code) + 1;
        }
        watch.Stop();

        output.WriteLine($"importer fuzz: {Inputs} inputs tried (seed {Seed}), {accepted} accepted ({acceptedWithNotes} with notes), {rejected} rejected, in {watch.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("rejection codes: " + string.Join(", ", codes.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        foreach (var failure in failures.Take(200))
            output.WriteLine(failure.Length > 600 ? failure[..600] + " …" : failure);
        Assert.True(failures.Count == 0, $"{failures.Count} fuzzed inputs broke an importer invariant:\n" + string.Join("\n", failures.Take(15)));
        Assert.Equal(Inputs, accepted + rejected);
        // A fuzzer that rejects everything (or nothing) tests only one side of the importer.
        Assert.InRange(accepted, Inputs / 10, Inputs * 9 / 10);
    }

    [Fact]
    public void Cli_SampleOfFuzzedFiles_ExitsZeroOneOrTwo_WithALocatedErrorLineAndNoStackTrace()
    {
        using var temp = new TempFolder();
        var failures = new List<string>();
        int tried = 0;
        var exits = new int[3];
        foreach (var input in new FuzzInputs(Seed).Generate(Inputs).Where(i => i.Index % 25 == 7))
        {
            tried++;
            string file = temp.File(input.DisplayName);
            File.WriteAllBytes(file, input.Bytes);
            string[] args = input.Index % 2 == 0
                ? ["inspect", "--input", file]
                : ["fit", "parametric", "--input", file, "--grid", "coarse", "--bootstrap", "0", "--threads", "1"];
            if (input.Options.SkipBadRows)
                args = [.. args, "--skip-bad-rows"];

            var (code, _, error, exception) = RunCli(args, TimeSpan.FromSeconds(30));
            string where = $"#{input.Index} [{input.Recipe}] scalingfit {string.Join(" ", args.Select(a => a == file ? input.DisplayName : a))}";
            if (exception is not null)
            {
                failures.Add($"{where}: {exception}");
                continue;
            }
            if (code is < 0 or > 2)
            {
                failures.Add($"{where}: exit {code}\n{error}");
                continue;
            }
            exits[code]++;
            if (error.Contains("   at ", StringComparison.Ordinal))
                failures.Add($"{where}: stack trace on stderr\n{error}");
            if (code == 2 && !(error.StartsWith("error:", StringComparison.Ordinal) && FirstLine(error).Contains(input.DisplayName, StringComparison.Ordinal)))
                failures.Add($"{where}: exit 2 without an 'error:' first line naming the file\n{error}");
            if (code == 1 && !error.Contains("error:", StringComparison.Ordinal))
                failures.Add($"{where}: exit 1 without an 'error:' line\n{error}");
        }

        output.WriteLine($"CLI on fuzzed files: {tried} runs (inspect and fit parametric --grid coarse), exit 0: {exits[0]}, exit 1: {exits[1]}, exit 2: {exits[2]}");
        Assert.True(failures.Count == 0, $"{failures.Count} CLI runs misbehaved:\n" + string.Join("\n\n", failures.Take(10)));
        Assert.True(exits[0] > 0 && exits[2] > 0, "the sample should hold both accepted and rejected files");
    }

    /// <summary>Strings the JSON reader tokenises but cannot decode; found by the fuzzer (they threw InvalidOperationException).</summary>
    public static TheoryData<string, ImportFormat, byte[], int, int> UndecodableStrings => new()
    {
        { "jsonl lone surrogate key", ImportFormat.JsonLines, Utf8("{\"params\":1e8,\"tokens\":2e9,\"loss\":3}\n{\"\\ud800\":1,\"params\":1e8,\"tokens\":3e9,\"loss\":3}\n"), 2, 2 },
        { "jsonl lone surrogate in first object", ImportFormat.JsonLines, Utf8("{\"params\":1e8,\"\\udc00x\":1,\"tokens\":2e9,\"loss\":3}\n"), 1, 15 },
        { "jsonl lone surrogate value", ImportFormat.JsonLines, Utf8("{\"params\":1e8,\"tokens\":2e9,\"loss\":\"3\\ud800\"}\n"), 1, 35 },
        { "jsonl invalid utf-8 key", ImportFormat.JsonLines, [.. Utf8("{\"par"), 0xFF, .. Utf8("ams\":1e8,\"tokens\":2e9,\"loss\":3}\n")], 1, 2 },
        { "json lone surrogate key", ImportFormat.JsonArray, Utf8("[\n{\"params\":1e8,\"tokens\":2e9,\"loss\":3},\n{\"\\ud800\":1,\"params\":1e8,\"tokens\":3e9,\"loss\":3}\n]"), 3, 2 },
    };

    [Theory]
    [MemberData(nameof(UndecodableStrings))]
    public void Import_JsonStringThatIsNotText_IsInvalidJsonAtTheString(string name, ImportFormat format, byte[] bytes, int line, int column)
    {
        using var stream = new MemoryStream(bytes);

        var result = RunImporter.Import(stream, format, name);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ImportErrorCode.InvalidJson, error.Code);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private static ImportResult? ImportWithTimeout(FuzzInput input, out string? failure)
    {
        failure = null;
        var task = Task.Run(() =>
        {
            using var stream = new MemoryStream(input.Bytes, writable: false);
            return RunImporter.Import(stream, input.Format, input.DisplayName, input.Options);
        });
        try
        {
            if (!task.Wait(ImportTimeout))
            {
                failure = $"#{input.Index} [{input.Recipe}] did not finish within {ImportTimeout.TotalSeconds} s\n    input: {input.Preview}";
                return null;
            }
            return task.Result;
        }
        catch (AggregateException e)
        {
            failure = $"#{input.Index} [{input.Recipe}] threw {e.InnerException}\n    input: {input.Preview}";
            return null;
        }
    }

    private static List<string> Check(FuzzInput input, ImportResult result)
    {
        var problems = new List<string>();
        foreach (var issue in result.Errors.Concat(result.Notes))
        {
            if (issue.File != input.DisplayName)
                problems.Add($"issue names file '{issue.File}': {issue}");
            if (issue.Line < 0 || (issue.Line == 0 && !FileLevel.Contains(issue.Code)))
                problems.Add($"issue {issue.Code} at line {issue.Line}: {issue}");
            if (issue.Column < 0)
                problems.Add($"issue {issue.Code} at column {issue.Column}: {issue}");
            if (string.IsNullOrWhiteSpace(issue.Message))
                problems.Add($"issue {issue.Code} has no message");
        }
        if (!result.Succeeded)
        {
            try
            {
                problems.Add($"failed import still returns {result.RunSet.Runs.Count} runs");
            }
            catch (ImportFailedException)
            {
                // A failed import's runs cannot be read: it cannot be mistaken for empty data.
            }
            return problems;
        }

        if (result.RunSet.Runs.Count == 0)
            problems.Add("succeeded with no runs");
        foreach (var run in result.RunSet.Runs)
        {
            if (!Positive(run.ParameterCount) || !Positive(run.TokenCount) || !Positive(run.Flops) || !Positive(run.Loss)
                || (run.FlopBudget is { } budget && !Positive(budget)))
                problems.Add($"accepted run {run}");
        }
        foreach (var curve in result.RunSet.Curves)
        {
            if (!Positive(curve.ParameterCount) || curve.Points.Count == 0)
                problems.Add($"accepted curve {curve.RunId} with N = {curve.ParameterCount} and {curve.Points.Count} points");
            for (int k = 0; k < curve.Points.Count; k++)
            {
                var p = curve.Points[k];
                if (!Positive(p.TokenCount) || !Positive(p.Loss))
                    problems.Add($"accepted curve point {curve.RunId}[{k}] = {p}");
                if (k > 0 && !(p.TokenCount > curve.Points[k - 1].TokenCount))
                    problems.Add($"curve {curve.RunId} not strictly increasing in tokens at {k}");
            }
        }
        return problems;
    }

    private static bool Positive(double v) => v > 0 && double.IsFinite(v);

    private static string FirstLine(string text) => text.Split('\n')[0];

    internal static (int Code, string Out, string Error, Exception? Exception) RunCli(string[] args, TimeSpan timeout)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var task = Task.Run(() => ScalingFitCli.Run(args, stdout, stderr));
        try
        {
            if (!task.Wait(timeout))
                return (-1, stdout.ToString(), stderr.ToString(), new TimeoutException($"did not finish within {timeout.TotalSeconds} s"));
            return (task.Result, stdout.ToString(), stderr.ToString(), null);
        }
        catch (AggregateException e)
        {
            return (-1, stdout.ToString(), stderr.ToString(), e.InnerException);
        }
    }
}
