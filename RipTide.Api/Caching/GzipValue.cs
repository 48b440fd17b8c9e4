using System.IO.Compression;
using System.Text.Json;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Api.Caching;

/// <summary>
/// Values kept in Redis that are worth compressing (cached pages, a job's results): gzip at its fastest level,
/// told apart from plain JSON by gzip's magic bytes (JSON starts with <c>{</c>), so plain values written before
/// still read and a threshold can change at any time. A stored page's JSON shrinks about four-fold, which is
/// memory, append-only-file bytes and rewrite time in Redis; compressing it costs the Api tens of microseconds.
/// </summary>
public static class GzipValue
{
    public static bool IsCompressed(ReadOnlySpan<byte> value) => value.Length >= 2 && value[0] == 0x1f && value[1] == 0x8b;

    /// <summary>
    /// <paramref name="first"/> then <paramref name="second"/>, in one gzip member. Compressed into a pooled buffer
    /// and copied out once, at its size: the value outlives this call (Redis may still be sending it after a
    /// timeout), so only the intermediate is pooled.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        using var output = new PooledBufferWriter((first.Length + second.Length) / 2 + 64);
        using (var gzip = new GZipStream(output.AsStream(), CompressionLevel.Fastest))
        {
            gzip.Write(first);
            gzip.Write(second);
        }

        return output.Written.ToArray();
    }

    /// <summary>A compressed value expanded, a plain one as it is.</summary>
    /// <exception cref="JsonException">Not valid gzip, or it expands beyond <paramref name="maxBytes"/>.</exception>
    public static ReadOnlyMemory<byte> Expand(byte[] value, int maxBytes)
    {
        if (!IsCompressed(value))
        {
            return value;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(value), CompressionMode.Decompress);
            var output = new MemoryStream(value.Length * 4);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    throw new JsonException($"The stored value expands beyond {maxBytes} bytes.");
                }

                output.Write(chunk, 0, read);
            }

            return output.GetBuffer().AsMemory(0, (int)output.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new JsonException("The stored value is not valid gzip.", ex);
        }
    }
}
