using ScalingFit.IO;

namespace ScalingFit.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scalingfit-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WriteAllText_NewFile_WritesUtf8WithoutByteOrderMark()
    {
        var path = Path.Combine(folder, "out.txt");

        AtomicFile.WriteAllText(path, "α,β\n");

        Assert.Equal("α,β\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void WriteAllText_ExistingFile_IsReplaced()
    {
        var path = Path.Combine(folder, "out.txt");
        File.WriteAllText(path, "old content that is longer");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void Write_WhenTheWriterThrows_LeavesTheExistingFileUntouchedAndNoTemporaryFile()
    {
        var path = Path.Combine(folder, "out.csv");
        File.WriteAllText(path, "original");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("boom", error.Message);
        Assert.Equal("original", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void Write_WhenCancelled_DoesNotCreateTheFile()
    {
        var path = Path.Combine(folder, "out.csv");
        using var cancellation = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            cancellation.Cancel();
        }, cancellation.Token));

        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void Write_WhileWriting_TheTargetStillHoldsTheOldContent()
    {
        var path = Path.Combine(folder, "out.csv");
        File.WriteAllText(path, "original");
        string? seenDuringWrite = null;

        AtomicFile.Write(path, stream =>
        {
            stream.Write("replacement"u8);
            stream.Flush();
            seenDuringWrite = File.ReadAllText(path);
        });

        Assert.Equal("original", seenDuringWrite);
        Assert.Equal("replacement", File.ReadAllText(path));
    }
}
