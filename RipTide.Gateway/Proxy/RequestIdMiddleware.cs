using RipTide.ServiceDefaults.Http;

namespace RipTide.Gateway.Proxy;

/// <summary>
/// Gives every request an <c>X-Request-Id</c>: the client's when it is acceptable, else a new one. The id
/// is forwarded upstream and returned to the client.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[RequestIds.HeaderName].ToString();
        var id = RequestIds.IsAcceptable(incoming) ? incoming : RequestIds.NewId();
        context.Request.Headers[RequestIds.HeaderName] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[RequestIds.HeaderName] = id;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
