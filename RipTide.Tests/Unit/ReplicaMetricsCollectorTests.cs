using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Metrics;
using RipTide.LiveMetrics;

namespace RipTide.Tests.Unit;

public sealed class ReplicaMetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Snapshots_count_what_the_api_instruments_recorded()
    {
        var metrics = new ApiMetrics(_services.GetRequiredService<IMeterFactory>());
        using var collector = new ReplicaMetricsCollector(metrics, new RecentCrawlLog(_time), _time, new ProcessUsage(_time));

        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(10));
        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(30));
        metrics.RecordRequest("crawl", 503, TimeSpan.FromMilliseconds(50));
        metrics.RecordUrl(errorType: null, CacheStatuses.Hit, warming: false, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: null, CacheStatuses.Miss, warming: false, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: "timeout", CacheStatuses.Miss, warming: false, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: null, CacheStatuses.WriteOnly, warming: true, TimeSpan.FromMilliseconds(1));
        metrics.RecordUrl(errorType: null, CacheStatuses.Miss, warming: true, TimeSpan.FromMilliseconds(1));
        metrics.RecordGate(GateDecisions.Raw, escalation: null);
        metrics.RecordGate(GateDecisions.Raw, escalation: null);
        metrics.RecordGate(GateDecisions.ProbesFirst, escalation: null);

        var snapshot = collector.Snapshot("api-7");

        Assert.Equal("api-7", snapshot.Replica);
        Assert.Equal(3, snapshot.Requests);
        Assert.Equal(2, snapshot.Errors); // one 5xx answer, one failed URL
        Assert.Equal(5, snapshot.UrlsProcessed);
        Assert.Equal(1, snapshot.CacheHits);
        Assert.Equal(2, snapshot.CacheMisses); // warming traffic is not part of the client-facing hit rate
        Assert.Equal(30, snapshot.LatencyP50Ms, precision: 3);
        Assert.Equal(50, snapshot.LatencyP95Ms, precision: 3);
        Assert.Equal(50, snapshot.LatencyP99Ms, precision: 3);
        Assert.Equal(MetricsServices.Api, snapshot.Service);
        Assert.Equal(new Dictionary<string, long> { [GateDecisions.Raw] = 2, [GateDecisions.ProbesFirst] = 1 }, snapshot.GateDecisions);
        Assert.Null(snapshot.Pool);
    }

    [Fact]
    public async Task Snapshots_read_the_fetch_connection_gauges()
    {
        var metrics = new ApiMetrics(_services.GetRequiredService<IMeterFactory>());
        using var connections = new RipTide.Net.ConnectionTracker(maxConnections: 10);
        metrics.ObserveConnectionPool(connections);
        using var collector = new ReplicaMetricsCollector(metrics, new RecentCrawlLog(_time), _time, new ProcessUsage(_time));

        await connections.AcquireAsync("a.example", 443, CancellationToken.None);
        await connections.AcquireAsync("a.example", 443, CancellationToken.None);
        var b = await connections.AcquireAsync("b.example", 443, CancellationToken.None);
        var busy = collector.Snapshot("api-0").FetchPool!;
        b.Release();
        var later = collector.Snapshot("api-0").FetchPool!;

        Assert.Equal(3, busy.OpenConnections);
        Assert.Equal(new Dictionary<string, int> { ["a.example:443"] = 2, ["b.example:443"] = 1 }, busy.BusiestHosts);
        Assert.Equal(2, later.OpenConnections);
        Assert.Equal(new Dictionary<string, int> { ["a.example:443"] = 2 }, later.BusiestHosts);
    }

    [Fact]
    public void Latency_percentiles_cover_only_the_recent_window()
    {
        var metrics = new ApiMetrics(_services.GetRequiredService<IMeterFactory>());
        using var collector = new ReplicaMetricsCollector(metrics, new RecentCrawlLog(_time), _time, new ProcessUsage(_time));

        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(900));
        _time.Advance(TimeSpan.FromMinutes(1));
        metrics.RecordRequest("crawl", 200, TimeSpan.FromMilliseconds(20));

        Assert.Equal(20, collector.Snapshot("api-0").LatencyP95Ms, precision: 3);
    }

    public void Dispose() => _services.Dispose();
}
