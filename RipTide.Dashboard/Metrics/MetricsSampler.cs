namespace RipTide.Dashboard.Metrics;

/// <summary>Takes one <see cref="ClusterSample"/> per second from the replicas' latest snapshots.</summary>
public sealed class MetricsSampler(MetricsAggregator aggregator, MetricsHistory history, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                history.Record(aggregator.Replicas(), time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
