using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;
using RipTide.ServiceDefaults.Performance;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>
/// Optional job (<c>RipTide:Cache:RewarmEnabled</c>): every interval, one Api copy (a Redis lock decides
/// which) re-crawls the top N most requested URLs whose default-options entry is missing or would expire
/// before the next run, so that popular pages stay hits.
/// </summary>
public sealed class CacheRewarmer(
    IConnectionMultiplexer redis,
    CacheAdmin admin,
    CacheWarmer warmer,
    PerformanceProfile profile,
    IOptions<CacheOptions> options,
    IOptions<CrawlLimitsOptions> limits,
    TimeProvider time,
    ILogger<CacheRewarmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.RewarmEnabled)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(o.RewarmIntervalSeconds);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RewarmOnceAsync(interval, stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                ApiLog.CacheWarmingFailed(logger, ex);
            }
        }
    }

    private async Task RewarmOnceAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (!redis.IsConnected || !await database.StringSetAsync(CacheRedisKeys.RewarmLock, Environment.MachineName, interval, When.NotExists))
        {
            return;
        }

        var popular = await admin.PopularAsync(options.Value.PopularWindowMinutes, options.Value.RewarmTopN, cancellationToken);
        var output = new PageOutput(ExtractionModes.Article, RenderModes.Auto, IncludeHtml: false, IncludeMarkdown: true, CssSchema: null);
        var targets = popular.Urls
            .Select(entry => Uri.TryCreate(entry.Url, UriKind.Absolute, out var url) ? new CrawlTarget(entry.Url, url) : null)
            .OfType<CrawlTarget>()
            .ToList();

        var batch = database.CreateBatch();
        var ttls = targets
            .Select(target => batch.KeyTimeToLiveAsync(CacheKeys.ForPage(target.Url, output.Fingerprint(), limits.Value.ExtractorVersion)))
            .ToList();
        batch.Execute();
        var remaining = await Task.WhenAll(ttls).WaitAsync(cancellationToken);
        var due = targets.Where((_, index) => remaining[index] is not { } ttl || ttl < interval * 2).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var plan = new CrawlPlan(due, Math.Min(profile.DefaultRequestConcurrency, 8), CacheMode.WriteOnly, CacheTtlOverride: null,
            TimeSpan.FromMilliseconds(limits.Value.DefaultTimeoutMs), output, RespectRobots: true) { Warming = true };
        await warmer.RunAsync(plan, cancellationToken);
    }
}
