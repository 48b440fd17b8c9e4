namespace RipTide.Contracts.Crawling;

/// <summary>Request headers that steer how the Api treats a crawl.</summary>
public static class CrawlHeaders
{
    /// <summary>
    /// <c>true</c> marks warming traffic, counted apart from client traffic. It moves hits out of the
    /// hit-rate KPI, so the gateway passes it only from a caller with an admin key.
    /// </summary>
    public const string CacheWarming = "X-Cache-Warming";

    /// <summary>
    /// Written by the gateway on every forwarded request (whatever the client sent): who is asking, as
    /// <c>key:{key id}</c> or <c>net:{client network}</c>, for limits the Api keeps per caller.
    /// </summary>
    public const string Caller = "X-RipTide-Caller";

    /// <summary>
    /// A stream's session: a client may send its own (echoed back), else the Api makes one. The Api answers
    /// with it on every stream so that logs and the dashboard can be tied to one client session.
    /// </summary>
    public const string SessionId = "X-Session-Id";

    /// <summary>Every header the gateway strips unless the caller holds an admin key.</summary>
    public static readonly IReadOnlyList<string> AdminOnly = [CacheWarming];
}
