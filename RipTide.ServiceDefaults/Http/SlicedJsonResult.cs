using Microsoft.AspNetCore.Http;

namespace RipTide.ServiceDefaults.Http;

/// <summary>
/// A JSON body already in bytes, written 64 KB at a time, each slice flushed before the next is copied.
/// Written in one call, Kestrel copies the whole body into its pinned memory pool before sending any of it:
/// a 20 MB document grew the pool by 20 MB, which Kestrel gives back only a little at a time once idle.
/// </summary>
public sealed class SlicedJsonResult(ReadOnlyMemory<byte> body) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private const int SliceBytes = 64 * 1024;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        for (var offset = 0; offset < body.Length; offset += SliceBytes)
        {
            await response.Body.WriteAsync(body.Slice(offset, Math.Min(SliceBytes, body.Length - offset)), httpContext.RequestAborted);
        }
    }
}
