using RipTide.Contracts.Crawling;

namespace RipTide.Gateway.Edge;

/// <summary>
/// The headers the Api trusts because the gateway wrote them. Those that steer its internal behaviour
/// (<see cref="CrawlHeaders.AdminOnly"/>: warming traffic is left out of the hit-rate KPI) pass only from a
/// caller holding an admin key; from anyone else, and from everyone when no keys are configured, they are
/// removed. <see cref="CrawlHeaders.Caller"/> is always the gateway's own, whatever the client sent.
/// </summary>
public sealed class InternalHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var client = ClientIdentity.Of(context);
        if (client.Role != ClientRole.Admin)
        {
            foreach (var header in CrawlHeaders.AdminOnly)
            {
                context.Request.Headers.Remove(header);
            }
        }

        context.Request.Headers[CrawlHeaders.Caller] = client.KeyId is { } keyId ? $"key:{keyId}" : $"net:{client.Network}";
        return next(context);
    }
}
