using Microsoft.AspNetCore.Http.Features;
using RipTide.ServiceDefaults.Http;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Extractor.Endpoints;

/// <summary>A request body held in a buffer from <see cref="PageBuffers"/>; disposing returns the buffer.</summary>
public sealed class PooledBody(byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            PageBuffers.Return(buffer);
        }
    }
}

/// <summary>
/// Reads a raw (text/html) request body into a pooled buffer, capped at a size: pages are usually above
/// the large-object threshold, and a fresh array per request would cost a gen-2 collection now and then.
/// </summary>
public static class HtmlBodyReader
{
    private const int FirstBufferBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<PooledBody?> ReadAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var (buffer, length, complete) = await PooledReader.ReadCappedAsync(request.Body, request.ContentLength, maxBytes, FirstBufferBytes, cancellationToken);
            if (complete)
            {
                return new PooledBody(buffer, length);
            }

            PageBuffers.Return(buffer);
            return null;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
