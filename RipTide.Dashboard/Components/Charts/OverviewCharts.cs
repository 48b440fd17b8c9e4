using RipTide.Dashboard.Metrics;

namespace RipTide.Dashboard.Components.Charts;

/// <summary>
/// The overview's chart lines from a window of samples. Long windows are averaged into at most
/// <see cref="MaxPoints"/> points per line, so that a 15-minute chart costs the circuit no more than a 3-minute one.
/// </summary>
public static class OverviewCharts
{
    public const int MaxPoints = 180;
    private const int MaxHostLines = 5;
    private const double Megabyte = 1024.0 * 1024;

    public static IReadOnlyList<ChartSeries> Throughput(IReadOnlyList<ClusterSample> samples) =>
    [
        Line("requests/s", samples, s => s.RequestsPerSecond),
        Line("URLs/s", samples, s => s.UrlsPerSecond),
        Line("errors/s", samples, s => s.ErrorsPerSecond),
    ];

    public static IReadOnlyList<ChartSeries> Latency(IReadOnlyList<ClusterSample> samples) =>
    [
        Line("p50 ms", samples, s => s.LatencyP50Ms),
        Line("p95 ms", samples, s => s.LatencyP95Ms),
        Line("p99 ms", samples, s => s.LatencyP99Ms),
    ];

    /// <summary>Hit rate in percent per interval; an interval without lookups repeats the last known rate.</summary>
    public static IReadOnlyList<ChartSeries> CacheHitRate(IReadOnlyList<ClusterSample> samples)
    {
        var last = 0.0;
        var rates = new double[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var lookups = samples[i].CacheHits + samples[i].CacheMisses;
            last = lookups == 0 ? last : 100.0 * samples[i].CacheHits / lookups;
            rates[i] = last;
        }

        return [Line("hit rate %", samples, (_, i) => rates[i])];
    }

    public static IReadOnlyList<ChartSeries> GateDecisions(IReadOnlyList<ClusterSample> samples) =>
        [.. samples.SelectMany(s => s.GateDecisions.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(decision => Line($"{decision}/s", samples, s => s.PerSecond(s.GateDecisions.GetValueOrDefault(decision))))];

    public static IReadOnlyList<ChartSeries> ExtractionTime(IReadOnlyList<ClusterSample> samples) =>
    [
        Line("p50 ms", samples, s => s.ExtractionP50Ms),
        Line("p95 ms", samples, s => s.ExtractionP95Ms),
    ];

    public static IReadOnlyList<ChartSeries> GuestMemory(IReadOnlyList<ClusterSample> samples) =>
        [Line("guest memory MB", samples, s => s.GuestMemoryBytes / Megabyte)];

    public static IReadOnlyList<ChartSeries> ReplicaCpu(IReadOnlyList<ClusterSample> samples) =>
        PerReplica(samples, r => r.CpuUsage * 100);

    public static IReadOnlyList<ChartSeries> ReplicaMemory(IReadOnlyList<ClusterSample> samples) =>
        PerReplica(samples, r => r.WorkingSetBytes / Megabyte);

    /// <summary>Open fetch connections in total and for the hosts busiest over the window.</summary>
    public static IReadOnlyList<ChartSeries> FetchPool(IReadOnlyList<ClusterSample> samples)
    {
        var hosts = samples.SelectMany(s => s.BusiestHosts)
            .GroupBy(h => h.Key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(h => h.Value))
            .Take(MaxHostLines)
            .Select(g => g.Key);
        return
        [
            Line("all hosts", samples, s => s.OpenConnections),
            .. hosts.Select(host => Line(host, samples, s => s.BusiestHosts.GetValueOrDefault(host))),
        ];
    }

    private static IReadOnlyList<ChartSeries> PerReplica(IReadOnlyList<ClusterSample> samples, Func<ReplicaSample, double> value) =>
        [.. samples.SelectMany(s => s.Replicas.Select(r => r.Replica)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(replica => Line(replica, samples, s => s.Replicas.FirstOrDefault(r => r.Replica == replica) is { } r ? value(r) : 0))];

    private static ChartSeries Line(string name, IReadOnlyList<ClusterSample> samples, Func<ClusterSample, double> value) =>
        Line(name, samples, (s, _) => value(s));

    /// <summary>Consecutive samples averaged into buckets; each point is stamped with its bucket's last sample.</summary>
    private static ChartSeries Line(string name, IReadOnlyList<ClusterSample> samples, Func<ClusterSample, int, double> value)
    {
        var bucket = Math.Max(1, (int)Math.Ceiling(samples.Count / (double)MaxPoints));
        var points = new List<ChartPoint>(Math.Min(samples.Count, MaxPoints));
        for (var start = 0; start < samples.Count; start += bucket)
        {
            var end = Math.Min(start + bucket, samples.Count);
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += value(samples[i], i);
            }

            points.Add(new ChartPoint(samples[end - 1].Timestamp.UtcDateTime, Math.Round(sum / (end - start), 3)));
        }

        return new ChartSeries(name, points);
    }
}
