namespace RipTide.Contracts.Caching;

/// <summary>GET /admin/cache/stats: cluster-wide counters (every Api copy adds to them) and the server's memory.</summary>
public sealed record CacheStats(
    bool Available,
    long Hits,
    long Misses,
    double HitRate,
    long Writes,
    long WarmingHits,
    long WarmingMisses,
    long? Keys,
    long? UsedMemoryBytes,
    long? MaxMemoryBytes,
    string? EvictionPolicy);

/// <summary>POST /admin/cache/warm: accepted for background crawling (202).</summary>
public sealed record CacheWarmAccepted(string RequestId, int AcceptedUrls, int QueuedRequests);

/// <summary>DELETE /admin/cache: how many cache entries (every option variant of each URL) were removed.</summary>
public sealed record CacheInvalidation(string Match, long Deleted);

/// <summary>One entry of GET /admin/cache/popular.</summary>
public sealed record PopularUrl(string Url, long Requests);

/// <summary>GET /admin/cache/popular: the most requested URLs over the window.</summary>
public sealed record PopularUrls(int WindowMinutes, IReadOnlyList<PopularUrl> Urls);
