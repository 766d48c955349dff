namespace ScalingFit.Cli.Infrastructure;

/// <summary>
/// Checks output paths before any long work starts, so that a fit is never run only to fail at the end: the folder is
/// created when missing and probed for writing; a path that is a folder (for a file) or a file (for a folder) is refused.
/// Failures are usage errors (exit 2) saying nothing was fitted.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Checks that each of <paramref name="files"/> (given to <c>--json</c>) can be written.</summary>
    public static void Check(params FileInfo?[] files)
    {
        foreach (var file in files)
            CheckFile(file, "--json");
    }

    /// <summary>Checks that <paramref name="file"/> (given to <paramref name="option"/>) can be written.</summary>
    public static void CheckFile(FileInfo? file, string option)
    {
        if (file is null)
            return;
        string full = file.FullName;
        if (Directory.Exists(full))
            throw new UsageException($"{option} {full}: is a folder; give a file name (e.g. {Path.Combine(full, "results.json")}). Nothing was fitted.");
        string folder = Path.GetDirectoryName(full) ?? ".";
        Probe(folder, option, full);
        if (File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
            throw new UsageException($"{option} {full}: the file is read-only; choose another path. Nothing was fitted.");
    }

    /// <summary>Checks that files can be written into <paramref name="folder"/> (given to <paramref name="option"/>), creating it when missing.</summary>
    public static void CheckFolder(DirectoryInfo? folder, string option)
    {
        if (folder is null)
            return;
        string full = folder.FullName;
        if (File.Exists(full))
            throw new UsageException($"{option} {full}: is a file; give a folder. Nothing was fitted.");
        Probe(full, option, full);
    }

    private static void Probe(string folder, string option, string given)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".scalingfit-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option} {given}: cannot write into {folder} ({ex.Message}); choose a writable place. Nothing was fitted.");
        }
    }
}
