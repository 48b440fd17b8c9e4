using RipTide.Contracts.Metrics;

namespace RipTide.Dashboard.Metrics;

/// <summary>One replica as the dashboard shows it: the latest snapshot and rates derived from the previous one.</summary>
public sealed record ReplicaView(MetricsSnapshot Latest, double RequestsPerSecond, DateTimeOffset ReceivedAt)
{
    public double CacheHitRate =>
        Latest.CacheHits + Latest.CacheMisses == 0 ? 0 : Latest.CacheHits / (double)(Latest.CacheHits + Latest.CacheMisses);
}
