using System.Text.Json;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>A cache read: the page when there is one, and whether the cache answered at all.</summary>
public readonly record struct CacheLookup(CachedPage? Page, bool Available);

/// <summary>
/// Crawl results in Redis, read and written in pipelined batches (one round trip per batch, not per URL).
/// The cache is an accelerator, never a dependency of correctness: while Redis is unreachable, reads report
/// "unavailable" at once (no command waits out a timeout) and writes are skipped.
/// </summary>
public sealed class CrawlCache(IConnectionMultiplexer redis, IOptions<CacheOptions> options, TimeProvider time, ILogger<CrawlCache> logger)
{
    public bool IsAvailable => redis.IsConnected;

    /// <summary>
    /// Reads <paramref name="keys"/> with MGET in batches, counts hits and misses cluster-wide and records
    /// <paramref name="requestedUrls"/> for the popularity window (both fire-and-forget, in the same pipeline).
    /// </summary>
    public async Task<CacheLookup[]> GetManyAsync(IReadOnlyList<string> keys, IReadOnlyList<string> requestedUrls, bool warming, CancellationToken cancellationToken)
    {
        var lookups = new CacheLookup[keys.Count];
        if (!redis.IsConnected)
        {
            Array.Fill(lookups, new CacheLookup(null, Available: false));
            return lookups;
        }

        var database = redis.GetDatabase();
        try
        {
            foreach (var batch in keys.Select((key, index) => (key, index)).Chunk(options.Value.BatchSize))
            {
                var values = await database.StringGetAsync([.. batch.Select(entry => (RedisKey)entry.key)]).WaitAsync(cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    lookups[batch[i].index] = new CacheLookup(Decode(values[i]), Available: true);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ApiLog.CacheReadFailed(logger, ex);
            Array.Fill(lookups, new CacheLookup(null, Available: false));
            return lookups;
        }

        var hits = lookups.Count(lookup => lookup.Page is not null);
        var prefix = warming ? "warming_" : string.Empty;
        if (hits > 0)
        {
            database.HashIncrement(CacheRedisKeys.Stats, prefix + "hits", hits, CommandFlags.FireAndForget);
        }

        if (keys.Count > hits)
        {
            database.HashIncrement(CacheRedisKeys.Stats, prefix + "misses", keys.Count - hits, CommandFlags.FireAndForget);
        }
        if (!warming && requestedUrls.Count > 0)
        {
            var bucket = CacheRedisKeys.PopularBucket(time.GetUtcNow());
            foreach (var url in requestedUrls)
            {
                database.SortedSetIncrement(bucket, url, 1, CommandFlags.FireAndForget);
            }

            database.KeyExpire(bucket, TimeSpan.FromMinutes(options.Value.PopularWindowMinutes + 1), CommandFlags.FireAndForget);
        }

        return lookups;
    }

    /// <summary>Writes in pipelined batches; a failure is logged and the results stay uncached.</summary>
    public async Task SetManyAsync(IReadOnlyList<CacheWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0 || !redis.IsConnected)
        {
            return;
        }

        try
        {
            var database = redis.GetDatabase();
            foreach (var chunk in writes.Chunk(options.Value.BatchSize))
            {
                var batch = database.CreateBatch();
                var pending = chunk
                    .Select(write => batch.StringSetAsync(write.Key, CachedPageCodec.Encode(write.Header, write.Document.Utf8.Span, options.Value.CompressAboveBytes), write.Ttl))
                    .ToList();
                _ = batch.HashIncrementAsync(CacheRedisKeys.Stats, "writes", chunk.Length, CommandFlags.FireAndForget);
                batch.Execute();
                await Task.WhenAll(pending).WaitAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ApiLog.CacheWriteFailed(logger, ex);
        }
    }

    private CachedPage? Decode(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return CachedPageCodec.Decode((byte[])value!);
        }
        catch (JsonException ex)
        {
            // A value we cannot read is a miss; the fresh result overwrites it.
            ApiLog.CacheReadFailed(logger, ex);
            return null;
        }
    }
}
