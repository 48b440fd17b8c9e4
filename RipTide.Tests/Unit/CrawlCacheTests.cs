using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Options;
using StackExchange.Redis;

namespace RipTide.Tests.Unit;

public sealed class CrawlCacheTests
{
    [Fact]
    public async Task An_unreachable_cache_answers_unavailable_at_once_and_reports_degraded_health()
    {
        // Port 1 on loopback: nothing listens, so the multiplexer never connects.
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var cache = new CrawlCache(redis, Options.Create(new CacheOptions()), TimeProvider.System, NullLogger<CrawlCache>.Instance);

        var clock = Stopwatch.StartNew();
        var lookup = (await cache.GetManyAsync([CacheKeys.Prefix + "anything"], [], warming: false, CancellationToken.None))[0];
        await cache.SetManyAsync([new CacheWrite(CacheKeys.Prefix + "anything", null!, null!, TimeSpan.FromMinutes(1))], CancellationToken.None);
        clock.Stop();

        Assert.False(lookup.Available);
        var batch = await cache.GetManyAsync(["a", "b"], ["https://example.com/"], warming: false, CancellationToken.None);
        Assert.All(batch, entry => Assert.False(entry.Available));
        Assert.Null(lookup.Page);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"waited {clock.Elapsed} for a cache that is down");
        var health = await new CacheHealthCheck(cache).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
    }
}
