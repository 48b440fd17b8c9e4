using RipTide.Contracts.Crawling;

namespace RipTide.Api.Caching;

/// <summary>Who asked for a warm request, for the warmer's per-caller share: the gateway names the caller.</summary>
public static class WarmCaller
{
    public static string Of(HttpContext context) =>
        context.Request.Headers[CrawlHeaders.Caller] is { Count: 1 } named && !string.IsNullOrEmpty(named[0])
            ? named[0]!
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
