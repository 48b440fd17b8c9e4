using System.Globalization;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Contracts.Caching;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>The operator's view of the cache: statistics, invalidation by URL or prefix, and popular URLs.</summary>
public sealed class CacheAdmin(IConnectionMultiplexer redis, CacheAdminConnection adminConnection, IOptions<CacheOptions> options, TimeProvider time)
{
    private const int ScanPageSize = 500;

    /// <exception cref="RedisException">The cache is unreachable.</exception>
    public async Task<CacheStats> StatsAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return new CacheStats(false, 0, 0, 0, 0, 0, 0, null, null, null, null);
        }

        var database = redis.GetDatabase();
        var counters = (await database.HashGetAllAsync(CacheRedisKeys.Stats).WaitAsync(cancellationToken))
            .ToDictionary(entry => (string)entry.Name!, entry => (long)entry.Value);

        long? keys = null;
        string? policy = null;
        long? used = null, max = null;
        try
        {
            if (await adminConnection.ServerAsync(cancellationToken) is not { } server)
            {
                return Stats(counters, keys, used, max, policy);
            }

            keys = await server.DatabaseSizeAsync().WaitAsync(cancellationToken);
            var memory = (await server.InfoAsync("memory").WaitAsync(cancellationToken)).SelectMany(group => group)
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
            used = ParseLong(memory.GetValueOrDefault("used_memory"));
            max = ParseLong(memory.GetValueOrDefault("maxmemory"));
            policy = memory.GetValueOrDefault("maxmemory_policy");
        }
        catch (Exception ex) when (ex is RedisServerException or RedisCommandException or RedisConnectionException)
        {
            // Redis-compatible servers (Garnet) answer only part of INFO; what is missing stays null.
        }

        return Stats(counters, keys, used, max, policy);
    }

    private static CacheStats Stats(Dictionary<string, long> counters, long? keys, long? used, long? max, string? policy)
    {
        long Counter(string name) => counters.GetValueOrDefault(name);
        var hits = Counter("hits");
        var misses = Counter("misses");
        return new CacheStats(
            true, hits, misses, hits + misses == 0 ? 0 : Math.Round(hits / (double)(hits + misses), 4), Counter("writes"),
            Counter("warming_hits"), Counter("warming_misses"), keys, used, max, policy);
    }

    /// <summary>Deletes every variant of one URL, or of every URL under a prefix, walking the keys with SCAN.</summary>
    public async Task<CacheInvalidation> InvalidateAsync(string urlOrPrefix, bool isPrefix, CancellationToken cancellationToken)
    {
        var pattern = CacheKeys.MatchPattern(urlOrPrefix, isPrefix);
        var database = redis.GetDatabase();
        long deleted = 0;
        var cursor = "0";
        do
        {
            var page = (RedisResult[])(await database.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", ScanPageSize).WaitAsync(cancellationToken))!;
            cursor = (string)page[0]!;
            var keys = ((RedisResult[])page[1]!).Select(key => (RedisKey)(string)key!).ToArray();
            if (keys.Length > 0)
            {
                deleted += await database.KeyDeleteAsync(keys).WaitAsync(cancellationToken);
            }
        }
        while (cursor != "0");

        return new CacheInvalidation(pattern, deleted);
    }

    /// <summary>The most requested URLs over the last <paramref name="minutes"/>, merged from per-minute buckets in one pipeline.</summary>
    public async Task<PopularUrls> PopularAsync(int minutes, int limit, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var now = time.GetUtcNow();
        var batch = database.CreateBatch();
        var buckets = Enumerable.Range(0, minutes)
            .Select(ago => batch.SortedSetRangeByRankWithScoresAsync(CacheRedisKeys.PopularBucket(now.AddMinutes(-ago)), 0, Math.Max(limit * 4, 100) - 1, Order.Descending))
            .ToList();
        batch.Execute();
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in (await Task.WhenAll(buckets).WaitAsync(cancellationToken)).SelectMany(bucket => bucket))
        {
            totals[(string)entry.Element!] = totals.GetValueOrDefault((string)entry.Element!) + entry.Score;
        }

        return new PopularUrls(minutes, [.. totals.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(limit).Select(pair => new PopularUrl(pair.Key, (long)pair.Value))]);
    }

    public int DefaultWindowMinutes => options.Value.PopularWindowMinutes;

    private static long? ParseLong(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
