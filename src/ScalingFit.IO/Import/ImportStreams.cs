using System.Text;

namespace ScalingFit.IO;

/// <summary>A read-only stream that returns bytes already read (to look at the header) and then the rest of another stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ForwardReadStream
{
    private int position;

    public override int Read(Span<byte> buffer)
    {
        if (position < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - position);
            prefix.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        return inner.Read(buffer);
    }
}

/// <summary>Reads a <see cref="TextReader"/> as a UTF-8 byte stream, so that every format is parsed from bytes.</summary>
internal sealed class TextReaderStream(TextReader reader) : ForwardReadStream
{
    private readonly Encoder encoder = new UTF8Encoding(false).GetEncoder();
    private readonly char[] chars = new char[16 * 1024];
    private readonly byte[] bytes = new byte[(16 * 1024 * 3) + 8];
    private int byteStart;
    private int byteEnd;
    private bool done;

    public override int Read(Span<byte> buffer)
    {
        while (byteStart == byteEnd)
        {
            if (done)
                return 0;
            var read = reader.Read(chars, 0, chars.Length);
            done = read == 0;
            byteStart = 0;
            byteEnd = encoder.GetBytes(chars, 0, read, bytes, 0, flush: done);
        }

        var n = Math.Min(buffer.Length, byteEnd - byteStart);
        bytes.AsSpan(byteStart, n).CopyTo(buffer);
        byteStart += n;
        return n;
    }
}

/// <summary>The plumbing shared by the importers' read-only, forward-only streams: only <see cref="Read(Span{byte})"/> varies.</summary>
internal abstract class ForwardReadStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
