using RipTide.Dashboard.Components.Charts;
using RipTide.Dashboard.Metrics;

namespace RipTide.Tests.Unit;

public sealed class OverviewChartsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static ClusterSample Sample(int second, long requests, long hits = 0, long misses = 0, string? decision = null) => new(
        Start.AddSeconds(second), 1, requests, requests, 0, hits, misses, 1, 2, 3,
        decision is null ? new Dictionary<string, long>() : new Dictionary<string, long> { [decision] = requests },
        0, 0, 0, 0, 0, new Dictionary<string, int>(), [new ReplicaSample("api-0", "api", 0.5, 1 << 20)]);

    [Fact]
    public void A_fifteen_minute_window_is_averaged_into_a_bounded_number_of_points()
    {
        var samples = Enumerable.Range(0, 900).Select(i => Sample(i, requests: i % 5)).ToList();

        var requests = OverviewCharts.Throughput(samples)[0];

        Assert.Equal("requests/s", requests.Name);
        Assert.Equal(OverviewCharts.MaxPoints, requests.Points.Count);
        Assert.All(requests.Points, point => Assert.Equal(2, point.Value)); // buckets of 5 samples: 0, 1, 2, 3, 4
        Assert.Equal(samples[^1].Timestamp.UtcDateTime, requests.Points[^1].Time);
    }

    [Fact]
    public void Hit_rate_keeps_the_last_known_value_through_idle_seconds()
    {
        ClusterSample[] samples = [Sample(0, 4, hits: 3, misses: 1), Sample(1, 0), Sample(2, 2, hits: 0, misses: 2)];

        var rate = OverviewCharts.CacheHitRate(samples).Single();

        Assert.Equal([75, 75, 0], rate.Points.Select(p => p.Value));
    }

    [Fact]
    public void Every_gate_decision_seen_in_the_window_gets_a_line()
    {
        ClusterSample[] samples = [Sample(0, 4, decision: "raw"), Sample(1, 2, decision: "probes_first")];

        var lines = OverviewCharts.GateDecisions(samples);

        Assert.Equal(["probes_first/s", "raw/s"], lines.Select(l => l.Name));
        Assert.Equal([4, 0], lines[1].Points.Select(p => p.Value));
    }
}
