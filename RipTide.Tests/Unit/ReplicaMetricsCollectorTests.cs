using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.Unit;

public sealed class ReplicaMetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Snapshots_count_what_the_api_instruments_recorded()
    {
        var metrics = new ApiMetrics(_services.GetRequiredService<IMeterFactory>());
        using var collector = new ReplicaMetricsCollector(metrics, _time);

        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(10));
        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(30));
        metrics.RecordRequest("crawl", 503, TimeSpan.FromMilliseconds(50));
        metrics.RecordUrl(errorType: null, CacheStatuses.Hit, warming: false, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: null, CacheStatuses.Miss, warming: false, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: "timeout", CacheStatuses.Miss, warming: false, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: null, CacheStatuses.WriteOnly, warming: true, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: null, CacheStatuses.Miss, warming: true, TimeSpan.FromMilliseconds(1));

        var snapshot = collector.Snapshot("api-7", "api");

        Assert.Equal("api-7", snapshot.Replica);
        Assert.Equal(3, snapshot.Requests);
        Assert.Equal(2, snapshot.Errors); // one 5xx answer, one failed URL
        Assert.Equal(5, snapshot.UrlsProcessed);
        Assert.Equal(1, snapshot.CacheHits);
        Assert.Equal(2, snapshot.CacheMisses); // warming traffic is not part of the client-facing hit rate
        Assert.Equal(30, snapshot.LatencyP50Ms, precision: 3);
        Assert.Equal(50, snapshot.LatencyP95Ms, precision: 3);
    }

    [Fact]
    public void Latency_percentiles_cover_only_the_recent_window()
    {
        var metrics = new ApiMetrics(_services.GetRequiredService<IMeterFactory>());
        using var collector = new ReplicaMetricsCollector(metrics, _time);

        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(900));
        _time.Advance(TimeSpan.FromMinutes(1));
        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(20));

        Assert.Equal(20, collector.Snapshot("api-0", "api").LatencyP95Ms, precision: 3);
    }

    public void Dispose() => _services.Dispose();
}
