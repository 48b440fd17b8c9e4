using RipTide.Contracts.Metrics;

namespace RipTide.Dashboard.Metrics;

/// <summary>
/// The sum over live replicas. Percentiles cannot be summed, so the cluster shows the worst replica's
/// p50/p95: the number an operator must act on.
/// </summary>
public sealed record ClusterTotals(
    int Replicas,
    long Requests,
    long Errors,
    long UrlsProcessed,
    long CacheHits,
    long CacheMisses,
    double RequestsPerSecond,
    double WorstLatencyP50Ms,
    double WorstLatencyP95Ms,
    long WorkingSetBytes)
{
    public double CacheHitRate => CacheHits + CacheMisses == 0 ? 0 : CacheHits / (double)(CacheHits + CacheMisses);

    /// <summary>The Api replicas' totals (Extractor snapshots count extractions, not client requests).</summary>
    public static ClusterTotals OfApis(IEnumerable<ReplicaView> replicas) =>
        From([.. replicas.Where(r => r.Latest.Service == MetricsServices.Api)]);

    public static ClusterTotals From(IReadOnlyCollection<ReplicaView> replicas) => new(
        replicas.Count,
        replicas.Sum(r => r.Latest.Requests),
        replicas.Sum(r => r.Latest.Errors),
        replicas.Sum(r => r.Latest.UrlsProcessed),
        replicas.Sum(r => r.Latest.CacheHits),
        replicas.Sum(r => r.Latest.CacheMisses),
        replicas.Sum(r => r.RequestsPerSecond),
        replicas.Count == 0 ? 0 : replicas.Max(r => r.Latest.LatencyP50Ms),
        replicas.Count == 0 ? 0 : replicas.Max(r => r.Latest.LatencyP95Ms),
        replicas.Sum(r => r.Latest.WorkingSetBytes));
}
