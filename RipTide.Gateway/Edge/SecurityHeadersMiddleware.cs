namespace RipTide.Gateway.Edge;

/// <summary>
/// Headers that make every answer safe to open in a browser: nothing is sniffed, framed, scripted, cached
/// or referred onward. The upstream's <c>Server</c> header is dropped so the edge does not advertise its stack.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// The API reference page (/docs) is an application: its own script, styles and the document, all from this
    /// origin. Its configuration is an inline script and it styles elements inline; nothing else may load.
    /// </summary>
    private const string ReferencePolicy = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = EdgePaths.IsDocumentation(context.Request.Path) ? ReferencePolicy : "default-src 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (headers.CacheControl.Count == 0)
            {
                // Results carry crawled content on a client's behalf: no shared cache may keep them.
                headers.CacheControl = "no-store";
            }

            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
