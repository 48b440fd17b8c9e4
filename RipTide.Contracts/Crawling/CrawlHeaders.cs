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

    /// <summary>Every header the gateway strips unless the caller holds an admin key.</summary>
    public static readonly IReadOnlyList<string> AdminOnly = [CacheWarming];
}
