using Microsoft.Extensions.Time.Testing;
using RipTide.Contracts.Metrics;
using RipTide.Dashboard.Kpis;
using RipTide.Dashboard.Metrics;

namespace RipTide.Tests.Unit;

public sealed class KpiBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Theory]
    [InlineData(1.9, KpiLevel.Target)]
    [InlineData(2.0, KpiLevel.Good)]
    [InlineData(4.9, KpiLevel.Good)]
    [InlineData(5.0, KpiLevel.NeedsImprovement)]
    public void Lower_is_better_thresholds_follow_the_architecture_table(double seconds, KpiLevel expected) =>
        Assert.Equal(expected, Kpi.Below(seconds, 2, 5));

    [Theory]
    [InlineData(101, KpiLevel.Target)]
    [InlineData(100, KpiLevel.Good)]
    [InlineData(51, KpiLevel.Good)]
    [InlineData(50, KpiLevel.NeedsImprovement)]
    public void Higher_is_better_thresholds_follow_the_architecture_table(double requestsPerSecond, KpiLevel expected) =>
        Assert.Equal(expected, Kpi.Above(requestsPerSecond, 100, 50));

    [Fact]
    public void Without_samples_every_kpi_says_no_data()
    {
        var kpis = KpiBoard.From(new MetricsHistory());

        Assert.Equal(6, kpis.Count);
        Assert.All(kpis, kpi => Assert.Equal(KpiLevel.NoData, kpi.Level));
    }

    [Fact]
    public void Kpis_come_from_the_recent_samples()
    {
        var history = new MetricsHistory();
        // Two Api replicas for 11 seconds: 120 requests/s in total, 3 of 4 lookups hit, 1 error in 40 URLs/s.
        for (var second = 0; second <= 10; second++)
        {
            history.Record(
            [
                View("api-0", requests: 60 * second, hits: 30 * second, misses: 10 * second, errors: second, p95Ms: 1500, memory: 1L << 30, cpu: 0.3),
                View("api-1", requests: 60 * second, hits: 0, misses: 0, errors: 0, p95Ms: 2500, memory: 1L << 30, cpu: 0.35),
            ], _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var kpis = KpiBoard.From(history).ToDictionary(k => k.Name);

        Assert.Equal(("2.50 s", KpiLevel.Good), (kpis["Response time p95"].Value, kpis["Response time p95"].Level));
        Assert.Equal(("120.0 req/s", KpiLevel.Target), (kpis["Throughput"].Value, kpis["Throughput"].Level));
        Assert.Equal(("75.0 %", KpiLevel.Target), (kpis["Cache hit rate"].Value, kpis["Cache hit rate"].Level));
        Assert.Equal(("0.8 %", KpiLevel.Target), (kpis["Error rate"].Value, kpis["Error rate"].Level));
        Assert.Equal(("2.00 GB", KpiLevel.Good), (kpis["Memory"].Value, kpis["Memory"].Level));
        Assert.Equal(("65 %", KpiLevel.Good), (kpis["CPU"].Value, kpis["CPU"].Level));
    }

    private ReplicaView View(string replica, long requests, long hits, long misses, long errors, double p95Ms, long memory, double cpu) =>
        new(new MetricsSnapshot(replica, MetricsServices.Api, _time.GetUtcNow(), Start, requests, errors, requests, hits, misses, 10, p95Ms, memory, CpuUsage: cpu), 0, _time.GetUtcNow());
}
