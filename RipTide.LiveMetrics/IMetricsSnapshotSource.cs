using RipTide.Contracts.Metrics;

namespace RipTide.LiveMetrics;

/// <summary>What a service publishes to the dashboard each interval: its current state, read from its own instruments.</summary>
public interface IMetricsSnapshotSource
{
    MetricsSnapshot Snapshot(string replica);
}
