using System.Text;

namespace ScalingFit.IO;

/// <summary>
/// Writes a file completely or not at all (cli-contract.md: "An output file is written completely or not at all"):
/// the content goes to a temporary file in the same folder, which then replaces the target in one rename. Until then an
/// existing file is untouched; on failure or cancellation the temporary file is deleted.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 (without a byte order mark) to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace. Its folder must exist.</param>
    /// <param name="content">The whole text.</param>
    /// <param name="cancellationToken">Checked before the file is replaced.</param>
    public static void WriteAllText(string path, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
            writer.Write(content);
        }, cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="write"/> with a stream on a temporary file beside <paramref name="path"/>, then moves it over
    /// <paramref name="path"/>. If <paramref name="write"/> throws (or the token is cancelled), the temporary file is deleted,
    /// <paramref name="path"/> is left as it was, and the exception propagates.
    /// </summary>
    /// <param name="path">The file to create or replace. Its folder must exist.</param>
    /// <param name="write">Writes the whole content; need not flush or close the stream.</param>
    /// <param name="cancellationToken">Checked after <paramref name="write"/> returns, before the file is replaced.</param>
    public static void Write(string path, Action<Stream> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));

        // Same folder, so the final move is a rename on the same volume; hidden and unique so concurrent writers do not collide.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                cancellationToken.ThrowIfCancellationRequested();
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // The original exception matters more; a stray hidden .tmp file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
