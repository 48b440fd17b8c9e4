using System.Buffers;

namespace RipTide.ServiceDefaults.Memory;

/// <summary>
/// Bytes written once into buffers from <see cref="PageBuffers"/>, for values made per page and then copied out
/// (JSON about to be compressed, compressed bytes about to be sent): <see cref="ArrayBufferWriter{T}"/> or a
/// <see cref="MemoryStream"/> allocates each time it grows and again for the final array. Disposing gives the
/// buffer back; nothing written may be used after that.
/// </summary>
public sealed class PooledBufferWriter(int initialBytes = PooledBufferWriter.DefaultInitialBytes) : IBufferWriter<byte>, IDisposable
{
    public const int DefaultInitialBytes = 16 * 1024;

    private byte[]? _buffer = PageBuffers.Rent(Math.Max(initialBytes, 256));
    private int _written;

    /// <summary>What has been written so far; writable, for a byte that must change after the fact.</summary>
    public Span<byte> Written => Buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => Buffer.AsMemory(0, _written);

    public int WrittenCount => _written;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    /// <summary>Forgets everything after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _written);
        _written = length;
    }

    /// <summary>A stream that appends to this writer (for APIs that write to streams, such as compression).</summary>
    public Stream AsStream() => new AppendingStream(this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            PageBuffers.Return(buffer);
        }
    }

    private byte[] Reserve(int sizeHint)
    {
        var buffer = Buffer;
        var needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return buffer;
        }

        var larger = PageBuffers.Rent((int)Math.Min(Math.Max(needed, (long)buffer.Length * 2), Array.MaxLength));
        buffer.AsSpan(0, _written).CopyTo(larger);
        PageBuffers.Return(buffer);
        _buffer = larger;
        return larger;
    }

    private sealed class AppendingStream(PooledBufferWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => writer.WrittenCount;

        public override long Position
        {
            get => writer.WrittenCount;
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            buffer.CopyTo(writer.GetSpan(buffer.Length));
            writer.Advance(buffer.Length);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
