using System.Buffers;

namespace RipTide.ServiceDefaults.Memory;

/// <summary>
/// Byte buffers for pages. Up to <see cref="PooledMaxBytes"/> they come from the shared pool (most pages, so
/// the usual page costs no large-object allocation); above it they are plain arrays the GC takes back. The
/// shared pool keeps up to eight arrays per size per core: after a burst of 16 MB pages it held hundreds of
/// megabytes for good, which no trimming gave back while the machine had memory to spare.
/// </summary>
public static class PageBuffers
{
    public const int PooledMaxBytes = 1024 * 1024;

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= PooledMaxBytes ? ArrayPool<byte>.Shared.Rent(minimumLength) : GC.AllocateUninitializedArray<byte>(minimumLength);

    /// <summary>Gives back a buffer from <see cref="Rent"/>: a pooled one to the pool, a large one to the GC.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= PooledMaxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
