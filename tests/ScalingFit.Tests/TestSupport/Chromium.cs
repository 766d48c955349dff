using System.Diagnostics;

namespace ScalingFit.Tests.TestSupport;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package) for checks of how a page lays out in a real browser. CI installs
/// it (.ci/run); where it is absent, <see cref="ChromiumFactAttribute"/> skips the test and says so.
/// </summary>
public static class Chromium
{
    private static readonly Lazy<string?> Executable = new(() =>
    {
        string[] names = ["chromium", "chromium-browser", "google-chrome"];
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                    return path;
            }
        }
        return null;
    });

    /// <summary>The browser's path, or null when none is installed.</summary>
    public static string? Path_ => Executable.Value;

    /// <summary>
    /// Loads <paramref name="htmlFile"/> in a window <paramref name="width"/> px wide, runs its scripts and returns the
    /// DOM as serialised after load. No network, no profile left behind, no sandbox (CI runs as root).
    /// </summary>
    public static string DumpDom(string htmlFile, int width, int height = 1000)
    {
        string profile = Directory.CreateTempSubdirectory("scalingfit-chromium-").FullName;
        try
        {
            var info = new ProcessStartInfo(Path_ ?? throw new InvalidOperationException(ChromiumFactAttribute.Reason))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}", $"--window-size={width},{height}",
                "--dump-dom", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
            })
            {
                info.ArgumentList.Add(a);
            }
            using var process = Process.Start(info)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish loading {htmlFile} within 2 minutes.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A fact that needs headless Chromium; it skips itself, saying why, where no browser is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Why such a test is skipped.</summary>
    public const string Reason = "chromium not found on PATH (apt-get install chromium; .ci/run does)";

    /// <summary>Skips when no browser is installed.</summary>
    public ChromiumFactAttribute()
    {
        if (Chromium.Path_ is null)
            Skip = Reason;
    }
}
