using RipTide.ServiceDefaults.Memory;

namespace RipTide.ServiceDefaults.Http;

/// <summary>
/// Reads a whole stream into a buffer rented from the shared pool, up to a cap. Pages are usually above the
/// large-object threshold: a fresh array (or a growing MemoryStream) per page costs gen-2 collections.
/// </summary>
public static class PooledReader
{
    /// <summary>
    /// The stream's first bytes, at most <paramref name="limit"/>, in a rented buffer that the caller owns and
    /// returns to <see cref="PageBuffers"/>; <c>Complete</c> is false when the stream is longer.
    /// A declared length sizes the first buffer.
    /// </summary>
    public static async Task<(byte[] Buffer, int Length, bool Complete)> ReadCappedAsync(
        Stream stream, long? declaredLength, long limit, int firstBufferBytes, CancellationToken cancellationToken)
    {
        // One byte past the expected end, so that the end of the stream is seen without growing.
        var first = declaredLength is { } declared && declared < limit ? declared + 1 : Math.Min(limit + 1, firstBufferBytes);
        var buffer = PageBuffers.Rent((int)Math.Max(first, 1));
        var length = 0;
        var handedOver = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = PageBuffers.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    PageBuffers.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    handedOver = true;
                    return (buffer, length, true);
                }

                length += read;
                if (length > limit)
                {
                    handedOver = true;
                    return (buffer, (int)limit, false);
                }
            }
        }
        finally
        {
            if (!handedOver)
            {
                PageBuffers.Return(buffer);
            }
        }
    }
}
