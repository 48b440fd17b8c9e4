using Microsoft.Extensions.Time.Testing;
using RipTide.Contracts.Metrics;
using RipTide.Dashboard.Metrics;

namespace RipTide.Tests.Unit;

public sealed class MetricsAggregatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private MetricsSnapshot Snapshot(string replica, long requests, long hits = 0, long misses = 0, double p95 = 10) =>
        new(replica, "api", _time.GetUtcNow(), _time.GetUtcNow(), requests, Errors: 0, UrlsProcessed: requests, hits, misses, LatencyP50Ms: 5, p95, WorkingSetBytes: 100);

    [Fact]
    public void Totals_sum_replicas_and_show_the_worst_latency()
    {
        var aggregator = new MetricsAggregator(_time);

        aggregator.Accept(Snapshot("api-0", 10, hits: 3, misses: 1, p95: 20));
        aggregator.Accept(Snapshot("api-1", 5, hits: 1, misses: 3, p95: 80));

        var totals = aggregator.Totals();
        Assert.Equal(2, totals.Replicas);
        Assert.Equal(15, totals.Requests);
        Assert.Equal(0.5, totals.CacheHitRate);
        Assert.Equal(80, totals.WorstLatencyP95Ms);
        Assert.Equal(["api-0", "api-1"], aggregator.Replicas().Select(r => r.Latest.Replica));
    }

    [Fact]
    public void Request_rate_comes_from_consecutive_snapshots()
    {
        var aggregator = new MetricsAggregator(_time);
        aggregator.Accept(Snapshot("api-0", 10));
        _time.Advance(TimeSpan.FromSeconds(2));
        aggregator.Accept(Snapshot("api-0", 30));

        Assert.Equal(10, aggregator.Replicas().Single().RequestsPerSecond);
    }

    [Fact]
    public void A_silent_replica_drops_out_of_the_totals()
    {
        var aggregator = new MetricsAggregator(_time);
        aggregator.Accept(Snapshot("api-0", 10));
        _time.Advance(MetricsAggregator.StaleAfter + TimeSpan.FromSeconds(1));
        aggregator.Accept(Snapshot("api-1", 5));

        Assert.Equal("api-1", Assert.Single(aggregator.Replicas()).Latest.Replica);
        Assert.Equal(5, aggregator.Totals().Requests);
    }

    [Fact]
    public void Every_accepted_snapshot_raises_changed()
    {
        var aggregator = new MetricsAggregator(_time);
        var raised = 0;
        aggregator.Changed += () => raised++;

        aggregator.Accept(Snapshot("api-0", 1));
        aggregator.Accept(Snapshot("api-0", 2));

        Assert.Equal(2, raised);
    }

    [Fact]
    public void The_replica_table_is_bounded_and_silent_replicas_make_room()
    {
        var aggregator = new MetricsAggregator(_time);
        for (var i = 0; i < MetricsAggregator.MaxReplicas; i++)
        {
            Assert.True(aggregator.Accept(Snapshot($"r-{i}", 1)));
        }

        Assert.False(aggregator.Accept(Snapshot("one-too-many", 1)));
        Assert.True(aggregator.Accept(Snapshot("r-0", 2))); // a known replica still reports

        _time.Advance(MetricsAggregator.StaleAfter + TimeSpan.FromSeconds(1));
        Assert.True(aggregator.Accept(Snapshot("newcomer", 1)));
        Assert.Equal("newcomer", Assert.Single(aggregator.Replicas()).Latest.Replica);
    }
}
