namespace RipTide.Dashboard.Access;

/// <summary>
/// The dashboard's buttons act with the admin key (pool reset, cache purge, load tests), so no other site may
/// frame it and trick a signed-in operator into clicking them. Only framing and sniffing are restricted: a
/// full content policy like the gateway's would have to allow Blazor's and Radzen's inline scripts anyway.
/// </summary>
public sealed class FramingGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    }
}
