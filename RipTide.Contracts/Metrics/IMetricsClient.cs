namespace RipTide.Contracts.Metrics;

/// <summary>What the dashboard's metrics hub calls on subscribed clients.</summary>
public interface IMetricsClient
{
    Task ReceiveSnapshot(MetricsSnapshot snapshot);
}
