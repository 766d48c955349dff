using ScalingFit.IO;

namespace ScalingFit.Cli.Infrastructure;

/// <summary>Writes output files completely or not at all, turning file-system failures into usage errors.</summary>
internal static class OutputFiles
{
    public static void WriteText(string path, string content) => Guard(path, () => AtomicFile.WriteAllText(path, content));

    public static void Write(string path, Action<Stream> write) => Guard(path, () => AtomicFile.Write(path, write));

    /// <summary>Creates an output folder, or says why it cannot.</summary>
    public static DirectoryInfo Folder(string path)
    {
        try
        {
            return Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{Path.GetFullPath(path)}: cannot create the output folder ({ex.Message}); choose another --out.");
        }
    }

    /// <summary>Runs <paramref name="write"/>, turning a file-system failure at <paramref name="path"/> into a usage error.</summary>
    public static void Guard(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{Path.GetFullPath(path)}: cannot write ({ex.Message}); check the folder exists and is writable. Nothing was written.");
        }
    }
}
