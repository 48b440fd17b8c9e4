namespace RipTide.Api.Caching;

/// <summary>Redis keys the cache keeps besides the pages themselves.</summary>
public static class CacheRedisKeys
{
    /// <summary>Hash of cluster-wide counters (hits, misses, writes, warming_*), shared by every Api copy.</summary>
    public const string Stats = "riptide:cache:stats";

    /// <summary>Sorted set of requested URLs per UTC minute: <c>riptide:popular:yyyyMMddHHmm</c>.</summary>
    public static string PopularBucket(DateTimeOffset minute) => $"riptide:popular:{minute.UtcDateTime:yyyyMMddHHmm}";

    /// <summary>Held by the Api copy running the re-warm job, so that only one does.</summary>
    public const string RewarmLock = "riptide:cache:rewarm-lock";
}
