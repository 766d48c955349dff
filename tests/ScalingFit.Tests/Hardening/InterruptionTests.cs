using System.Diagnostics;
using System.Reflection;
using ScalingFit.Cli;
using ScalingFit.Core;
using ScalingFit.IO;
using ScalingFit.Tests.Cli;
using Xunit.Abstractions;

namespace ScalingFit.Tests.Hardening;

/// <summary>Timing-sensitive tests run alone, so that other tests do not compete for the two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

/// <summary>
/// Ctrl+C during a long bootstrap: in-process through the cancellation token, and in a real process through SIGINT.
/// The command stops within a few seconds with exit code 130 and one <c>error:</c> line, and leaves every output file as
/// it was (an existing <c>--json</c> target byte-identical, no new file, no temporary file).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class InterruptionTests(ITestOutputHelper output) : IDisposable
{
    private const int Interrupted = 130;
    private static readonly TimeSpan PromptStop = TimeSpan.FromSeconds(3);
    private static readonly byte[] Previous = "{ \"results\": [] }\n// an earlier run's output, to be left alone\n"u8.ToArray();

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A 64-run grid sweep: the paper grid's 4,500 starts take about half a second on two cores.</summary>
    private string Sweep()
    {
        string path = _temp.File("grid.csv");
        var law = ParametricLaw.Paper;
        RunWriter.Write(SweepSimulator.Grid(new SimulationOptions(law, Seed: 3), SweepSimulator.LogSpace(1e7, 1e10, 8), SweepSimulator.LogSpace(1e8, 1e12, 8)), path);
        return path;
    }

    [Theory]
    [InlineData("coarse", 200)] // cancelled well inside the bootstrap, between coarse-grid refits
    [InlineData("paper", 1500)] // cancelled inside the bootstrap, each refit running all 4,500 starts
    public void Run_CancelledDuringALongBootstrap_StopsPromptly_AndLeavesTheJsonTargetUntouched(string grid, int cancelAfterMilliseconds)
    {
        string input = Sweep();
        string json = _temp.File("fit.json");
        File.WriteAllBytes(json, Previous);
        using var cancellation = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["fit", "parametric", "--input", input, "--grid", grid, "--bootstrap", "100000", "--bootstrap-grid", "paper", "--json", json];

        // A thread of its own, not the thread pool: the fit's Parallel.For keeps the pool's threads busy, and a timer or
        // continuation queued there could wait seconds for a thread, which would measure the pool rather than the fit.
        int exitCode = -1;
        var worker = new Thread(() => exitCode = ScalingFitCli.Run(args, stdout, stderr, interactive: false, cancellation.Token)) { IsBackground = true };
        var started = Stopwatch.StartNew();
        worker.Start();
        Thread.Sleep(cancelAfterMilliseconds);
        Assert.True(worker.IsAlive, $"the fit ended before it was cancelled:\n{stderr}");
        var stopwatch = Stopwatch.StartNew();
        cancellation.Cancel();
        bool stopped = worker.Join(TimeSpan.FromSeconds(30));
        stopwatch.Stop();

        output.WriteLine($"--grid {grid}: cancelled {(started.Elapsed - stopwatch.Elapsed).TotalSeconds:F2} s after the start, stopped {stopwatch.Elapsed.TotalSeconds:F2} s after the cancel; stderr: {stderr}");
        Assert.True(stopped, "the fit did not stop within 30 s of the cancel");
        Assert.True(stopwatch.Elapsed < PromptStop, $"stopped {stopwatch.Elapsed.TotalSeconds:F2} s after the cancel");
        Assert.Equal(Interrupted, exitCode);
        Assert.StartsWith("error: interrupted", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(Previous, File.ReadAllBytes(json));
        Assert.Equal(["fit.json", "grid.csv"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Process_SigintDuringALongBootstrap_ExitsPromptly_WithTheMessage_AndNoOutputFile()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("skipped: SIGINT is sent with kill(1), which Windows does not have");
            return;
        }
        string cli = CliAssembly();
        string input = Sweep();
        string json = _temp.File("fit.json"), existing = _temp.File("existing.json");
        File.WriteAllBytes(existing, Previous);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _temp.Path,
        };
        foreach (var arg in new[] { cli, "fit", "parametric", "--input", input, "--bootstrap", "100000", "--bootstrap-grid", "paper", "--json", json })
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500);
        Assert.False(process.HasExited, $"the fit ended before it was interrupted (exit {(process.HasExited ? process.ExitCode : 0)}): {(process.HasExited ? await stderr : "")}");
        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        bool exited;
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token);
                exited = true;
            }
            catch (OperationCanceledException)
            {
                exited = false;
            }
        }
        stopwatch.Stop();
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string error = await stderr;
        output.WriteLine($"{cli}: exited {stopwatch.Elapsed.TotalSeconds:F2} s after SIGINT with code {process.ExitCode}; stderr: {error}");
        Assert.True(exited, "the process did not exit within 20 s of SIGINT");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"exited {stopwatch.Elapsed.TotalSeconds:F2} s after SIGINT");
        Assert.Equal(Interrupted, process.ExitCode);
        Assert.StartsWith("error: interrupted", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(json), "a --json file was written by an interrupted fit");
        Assert.Equal(Previous, File.ReadAllBytes(existing));
        Assert.Equal(["existing.json", "grid.csv"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await stdout;
    }

    /// <summary>
    /// The built CLI of the configuration this test assembly was built in: src/ScalingFit.Cli/bin/CONFIG/net10.0/scalingfit.dll,
    /// or the copy beside the tests (the project reference puts it there).
    /// </summary>
    private static string CliAssembly()
    {
        string configuration = typeof(InterruptionTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")))
                continue;
            string built = Path.Combine(dir.FullName, "src", "ScalingFit.Cli", "bin", configuration, "net10.0", "scalingfit.dll");
            if (File.Exists(built))
                return built;
            break;
        }
        string beside = Path.Combine(AppContext.BaseDirectory, "scalingfit.dll");
        Assert.True(File.Exists(beside), $"no built scalingfit.dll for configuration {configuration}");
        return beside;
    }
}
