using System.Text.Json;
using RipTide.Api.Telemetry;
using RipTide.Contracts;
using RipTide.Contracts.Caching;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>
/// Crawl results in Redis. The cache is an accelerator, never a dependency of correctness: a Redis
/// failure is logged and treated as a miss (on read) or a skipped write.
/// </summary>
public sealed class CrawlCache(IConnectionMultiplexer redis, ILogger<CrawlCache> logger)
{
    public async Task<CachedPage?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key).WaitAsync(cancellationToken);
            return value.IsNullOrEmpty
                ? null
                : JsonSerializer.Deserialize((byte[])value!, RipTideJsonContext.Default.CachedPage);
        }
        catch (Exception ex) when (ex is RedisException or JsonException or TimeoutException)
        {
            ApiLog.CacheReadFailed(logger, ex);
            return null;
        }
    }

    public async Task SetAsync(string key, CachedPage page, TimeSpan ttl, CancellationToken cancellationToken)
    {
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
