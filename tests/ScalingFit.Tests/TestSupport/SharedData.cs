namespace ScalingFit.Tests.TestSupport;

/// <summary>
/// Locates the real public data in ../shared/data beside the repository (CI always has it; a fresh clone does not).
/// SCALINGFIT_SHARED_DATA overrides the location.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Folder = new(Locate);

    /// <summary>The shared/data folder, or null when absent.</summary>
    public static string? Directory => Folder.Value;

    /// <summary>The shared/reference folder (beside shared/data), or null when absent.</summary>
    public static string? ReferenceDirectory =>
        Directory is null ? null : Path.Combine(Path.GetDirectoryName(Directory)!, "reference");

    /// <summary>True when the folder exists.</summary>
    public static bool Available => Directory is not null;

    /// <summary>The full path of a file in shared/data (throws when the folder is absent: use <see cref="SharedDataFactAttribute"/>).</summary>
    public static string PathOf(string fileName) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(SharedDataFactAttribute.Reason), fileName);

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("SCALINGFIT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env))
            return System.IO.Directory.Exists(env) ? Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalingFit.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                return System.IO.Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs ../shared/data; it skips itself, saying why, where that folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Why such a test is skipped.</summary>
    public const string Reason = "../shared/data not found beside the repository (a fresh clone has no ../shared; CI provides it)";

    /// <summary>Skips when the shared data is absent.</summary>
    public SharedDataFactAttribute()
    {
        if (!SharedData.Available)
            Skip = Reason;
    }
}

/// <summary>A theory that needs ../shared/data; it skips itself where that folder is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips when the shared data is absent.</summary>
    public SharedDataTheoryAttribute()
    {
        if (!SharedData.Available)
            Skip = SharedDataFactAttribute.Reason;
    }
}

/// <summary>
/// A fact that runs the Python reference in ../shared/reference (Debian's /usr/bin/python3 with numpy and scipy);
/// it skips itself, saying why, where either is absent. CI installs python3-numpy and python3-scipy.
/// </summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    /// <summary>Skips when the reference or its Python is absent.</summary>
    public ReferenceFactAttribute()
    {
        if (!SharedData.Available)
            Skip = SharedDataFactAttribute.Reason;
        else if (!PythonReference.Available)
            Skip = "/usr/bin/python3 with numpy and scipy not found (apt-get install python3-numpy python3-scipy; .ci/run does)";
    }
}

/// <summary>Runs a script of the Python reference and returns its standard output.</summary>
public static class PythonReference
{
    private static readonly Lazy<bool> Probe = new(() =>
    {
        if (!File.Exists("/usr/bin/python3"))
            return false;
        try
        {
            var (code, _) = Run("-c", "import numpy, scipy");
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>True when /usr/bin/python3 can import numpy and scipy.</summary>
    public static bool Available => Probe.Value;

    /// <summary>Runs /usr/bin/python3 with the arguments, in shared/reference; returns the exit code and stdout.</summary>
    public static (int ExitCode, string StandardOutput) Run(params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SharedData.ReferenceDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return (process.ExitCode, stdout);
    }
}
