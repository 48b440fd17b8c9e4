using RipTide.Contracts.Metrics;

namespace RipTide.Dashboard.Metrics;

/// <summary>
/// A rolling, bounded history of <see cref="ClusterSample"/>s (15 minutes at one per second), shared by
/// every circuit. Each sample is the difference between the replicas' latest totals and those of the
/// previous sample. A replica that restarted, or started during the interval, counts from zero; one that was
/// already running when the dashboard first saw it joins the history from then on (its earlier totals would
/// otherwise show up as one huge spike).
/// </summary>
public sealed class MetricsHistory
{
    public const int Capacity = 900;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromMinutes(15);
    private const int MaxHostsPerSample = 10;

    private readonly Lock _lock = new();
    private readonly Queue<ClusterSample> _samples = new();
    private Dictionary<string, MetricsSnapshot> _previous = new(StringComparer.Ordinal);
    private DateTimeOffset? _previousAt;

    /// <summary>Raised after each sample; handlers must be quick and must not throw.</summary>
    public event Action? Sampled;

    public ClusterSample? Latest
    {
        get
        {
            lock (_lock)
            {
                return _samples.Count == 0 ? null : _samples.Last();
            }
        }
    }

    public ClusterSample Record(IReadOnlyList<ReplicaView> replicas, DateTimeOffset now)
    {
        ClusterSample sample;
        lock (_lock)
        {
            var seconds = _previousAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0;
            sample = Build(replicas.Select(r => r.Latest).ToList(), now, seconds);
            _previous = replicas.ToDictionary(r => r.Latest.Replica, r => r.Latest, StringComparer.Ordinal);
            _previousAt = now;
            _samples.Enqueue(sample);
            while (_samples.Count > Capacity)
            {
                _samples.Dequeue();
            }
        }

        Sampled?.Invoke();
        return sample;
    }

    /// <summary>The samples of the last <paramref name="span"/>, oldest first.</summary>
    public IReadOnlyList<ClusterSample> Window(TimeSpan span)
    {
        lock (_lock)
        {
            if (_samples.Count == 0)
            {
                return [];
            }

            var from = _samples.Last().Timestamp - span;
            return [.. _samples.Where(s => s.Timestamp > from)];
        }
    }

    private ClusterSample Build(List<MetricsSnapshot> latest, DateTimeOffset now, double seconds)
    {
        var apis = latest.Where(s => s.Service == MetricsServices.Api).ToList();
        var extractors = latest.Where(s => s.Service == MetricsServices.Extractor).ToList();
        var gate = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var api in apis)
        {
            foreach (var (decision, total) in api.GateDecisions ?? new Dictionary<string, long>())
            {
                var before = Baseline(api)?.GateDecisions?.GetValueOrDefault(decision) ?? 0;
                gate[decision] = gate.GetValueOrDefault(decision) + Delta(before, total);
            }
        }

        var hosts = apis.SelectMany(a => a.FetchPool?.BusiestHosts ?? new Dictionary<string, int>())
            .GroupBy(h => h.Key, StringComparer.Ordinal)
            .Select(g => (Host: g.Key, Open: g.Sum(h => h.Value)))
            .OrderByDescending(h => h.Open)
            .Take(MaxHostsPerSample)
            .ToDictionary(h => h.Host, h => h.Open, StringComparer.Ordinal);

        return new ClusterSample(
            now,
            seconds,
            Sum(apis, s => s.Requests),
            Sum(apis, s => s.UrlsProcessed),
            Sum(apis, s => s.Errors),
            Sum(apis, s => s.CacheHits),
            Sum(apis, s => s.CacheMisses),
            Worst(apis, s => s.LatencyP50Ms),
            Worst(apis, s => s.LatencyP95Ms),
            Worst(apis, s => s.LatencyP99Ms),
            gate,
            Sum(extractors, s => s.Requests),
            Worst(extractors, s => s.LatencyP50Ms),
            Worst(extractors, s => s.LatencyP95Ms),
            extractors.Sum(s => s.Pool?.SlotMemoryBytes.Sum() ?? 0),
            apis.Sum(s => s.FetchPool?.OpenConnections ?? 0),
            hosts,
            [.. latest.Select(s => new ReplicaSample(s.Replica, s.Service, s.CpuUsage, s.WorkingSetBytes))]);
    }

    private long Sum(List<MetricsSnapshot> snapshots, Func<MetricsSnapshot, long> counter) =>
        snapshots.Sum(s => Delta(Baseline(s) is { } before ? counter(before) : 0, counter(s)));

    private static double Worst(List<MetricsSnapshot> snapshots, Func<MetricsSnapshot, double> value) =>
        snapshots.Count == 0 ? 0 : snapshots.Max(value);

    /// <summary>The totals this interval's counts are measured from; null for zero.</summary>
    private MetricsSnapshot? Baseline(MetricsSnapshot current)
    {
        if (_previous.TryGetValue(current.Replica, out var before) && before.StartedAt == current.StartedAt)
        {
            return before;
        }

        return _previousAt is { } at && current.StartedAt > at ? null : current;
    }

    /// <summary>A total that fell means the replica restarted: everything it counted since is new.</summary>
    private static long Delta(long before, long now) => now >= before ? now - before : now;
}
