using System.Diagnostics;
using System.Text;

namespace ScalingFit.Tests.Notebooks;

/// <summary>How a run of a file-based app ended.</summary>
/// <param name="ExitCode">The exit code; null when the run timed out and was killed.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="Elapsed">Wall-clock time, build included.</param>
internal sealed record AppOutcome(int? ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>True when the app was killed at the time limit.</summary>
    public bool TimedOut => ExitCode is null;
}

/// <summary>Runs a .NET 10 file-based app (<c>dotnet run --file app.cs</c>) with a time limit.</summary>
internal static class FileBasedApp
{
    /// <summary>
    /// Builds and runs <paramref name="appPath"/> in <paramref name="workingDirectory"/>, killing the whole process tree
    /// at <paramref name="timeout"/>.
    /// </summary>
    /// <remarks>
    /// The output is pumped on threads and not awaited to its end: build servers started by the build (the compiler
    /// server, MSBuild nodes) inherit the pipes and can keep them open long after the app exited.
    /// </remarks>
    public static AppOutcome Run(string appPath, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--file", appPath })
            info.ArgumentList.Add(argument);
        // Under 'dotnet test' these point the child at the test run's MSBuild; let the child find its own.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
            info.Environment.Remove(name);
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        var pumps = new[] { Pump(process.StandardOutput, output), Pump(process.StandardError, output) };
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        foreach (var pump in pumps)
            pump.Join(TimeSpan.FromSeconds(5));
        clock.Stop();
        string text;
        lock (output)
            text = output.ToString();
        return new AppOutcome(exited ? process.ExitCode : null, text, clock.Elapsed);
    }

    private static Thread Pump(StreamReader reader, StringBuilder output)
    {
        var thread = new Thread(() =>
        {
            var buffer = new char[4096];
            int count;
            while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (output)
                    output.Append(buffer, 0, count);
            }
        })
        { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH for its children), else dotnet on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
