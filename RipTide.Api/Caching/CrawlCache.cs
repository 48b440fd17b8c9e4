using System.Text.Json;
using RipTide.Api.Telemetry;
using RipTide.Contracts;
using RipTide.Contracts.Caching;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>A cache read: the page when there is one, and whether the cache answered at all.</summary>
public readonly record struct CacheLookup(CachedPage? Page, bool Available);

/// <summary>
/// Crawl results in Redis. The cache is an accelerator, never a dependency of correctness: while Redis is
/// unreachable, reads report "unavailable" at once (no command waits out a timeout) and writes are skipped.
/// </summary>
public sealed class CrawlCache(IConnectionMultiplexer redis, ILogger<CrawlCache> logger)
{
    public bool IsAvailable => redis.IsConnected;

    public async Task<CacheLookup> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return new CacheLookup(null, Available: false);
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key).WaitAsync(cancellationToken);
            return new CacheLookup(
                value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((byte[])value!, RipTideJsonContext.Default.CachedPage),
                Available: true);
        }
        catch (JsonException ex)
        {
            // A value we cannot read is a miss; the fresh result overwrites it.
            ApiLog.CacheReadFailed(logger, ex);
            return new CacheLookup(null, Available: true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ApiLog.CacheReadFailed(logger, ex);
            return new CacheLookup(null, Available: false);
        }
    }

    public async Task SetAsync(string key, CachedPage page, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(page, RipTideJsonContext.Default.CachedPage);
            await redis.GetDatabase().StringSetAsync(key, bytes, ttl).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ApiLog.CacheWriteFailed(logger, ex);
        }
    }
}
