using Microsoft.Extensions.Time.Testing;
using RipTide.Contracts.Extraction;
using RipTide.Contracts.Metrics;
using RipTide.Dashboard.Metrics;

namespace RipTide.Tests.Unit;

public sealed class MetricsHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private MetricsSnapshot Api(string replica, long requests, long hits = 0, long misses = 0, long errors = 0, DateTimeOffset? startedAt = null, long raw = 0) =>
        new(replica, MetricsServices.Api, _time.GetUtcNow(), startedAt ?? Start, requests, errors, UrlsProcessed: requests, hits, misses,
            LatencyP50Ms: 5, LatencyP95Ms: 10 * requests, WorkingSetBytes: 100, LatencyP99Ms: 20, CpuUsage: 0.25,
            GateDecisions: new Dictionary<string, long> { ["raw"] = raw },
            FetchPool: new FetchPoolSnapshot(2, new Dictionary<string, int> { ["a.example:443"] = 2 }));

    private MetricsSnapshot Extractor(long extractions, params long[] slotMemory) =>
        new("extractor", MetricsServices.Extractor, _time.GetUtcNow(), Start, extractions, 0, 0, 0, 0, 3, 9, 200,
            Pool: new WasmPoolStats(slotMemory.Length, 0, 0, extractions, 0, 0, 0, 0, 0, 0, 0, 3, 9, 0, slotMemory, "hash"));

    private ClusterSample Record(MetricsHistory history, params MetricsSnapshot[] snapshots) =>
        history.Record([.. snapshots.Select(s => new ReplicaView(s, 0, _time.GetUtcNow()))], _time.GetUtcNow());

    [Fact]
    public void Samples_count_what_happened_since_the_previous_sample_across_replicas()
    {
        var history = new MetricsHistory();
        Record(history, Api("api-0", 10, raw: 4), Api("api-1", 5), Extractor(7, 1000, 2000));
        _time.Advance(TimeSpan.FromSeconds(2));

        var sample = Record(history, Api("api-0", 30, hits: 3, misses: 1, errors: 2, raw: 10), Api("api-1", 9), Extractor(19, 1500, 2000));

        Assert.Equal(24, sample.Requests);
        Assert.Equal(12, sample.RequestsPerSecond);
        Assert.Equal(2, sample.Errors);
        Assert.Equal((3, 1), (sample.CacheHits, sample.CacheMisses));
        Assert.Equal(6, sample.GateDecisions["raw"]);
        Assert.Equal(12, sample.Extractions);
        Assert.Equal(300, sample.LatencyP95Ms); // the worst replica
        Assert.Equal(3500, sample.GuestMemoryBytes);
        Assert.Equal(4, sample.OpenConnections);
        Assert.Equal(4, sample.BusiestHosts["a.example:443"]);
        Assert.Equal(["api-0", "api-1", "extractor"], sample.Replicas.Select(r => r.Replica));
    }

    [Fact]
    public void A_replica_already_running_joins_without_a_spike_and_a_restarted_one_counts_from_zero()
    {
        var history = new MetricsHistory();
        var first = Record(history, Api("api-0", 1_000));
        _time.Advance(TimeSpan.FromSeconds(1));
        var restartedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(0.5));

        var second = Record(history, Api("api-0", 7, startedAt: restartedAt), Api("api-1", 5_000));

        Assert.Equal(0, first.Requests);
        Assert.Equal(7, second.Requests); // api-0 restarted: all 7 are new; api-1 was already running: it adds nothing yet
    }

    [Fact]
    public void History_is_bounded_and_windows_return_the_latest_samples()
    {
        var history = new MetricsHistory();
        for (var i = 0; i < MetricsHistory.Capacity + 100; i++)
        {
            Record(history, Api("api-0", i));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(MetricsHistory.Capacity, history.Window(TimeSpan.FromHours(1)).Count);
        var lastMinute = history.Window(TimeSpan.FromMinutes(1));
        Assert.Equal(60, lastMinute.Count);
        Assert.Equal(history.Latest, lastMinute[^1]);
    }
}
