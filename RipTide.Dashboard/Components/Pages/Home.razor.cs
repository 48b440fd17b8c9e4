using System.Globalization;
using Microsoft.AspNetCore.Components;
using RipTide.Dashboard.Metrics;

namespace RipTide.Dashboard.Components.Pages;

/// <summary>
/// Live per-replica and total metrics. Snapshots arrive about once a second per replica; the page
/// re-renders at most every <see cref="RenderInterval"/> however many arrive.
/// </summary>
public sealed partial class Home : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ReplicaView> _replicas = [];
    private ClusterTotals _totals = ClusterTotals.From([]);
    private DateTimeOffset _renderedAt;
    private int _dirty;

    [Inject]
    public required MetricsAggregator Aggregator { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    protected override void OnInitialized()
    {
        Refresh();
        Aggregator.Changed += MarkDirty;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RenderLoopAsync(_disposed.Token);
        }
    }

    public void Dispose()
    {
        Aggregator.Changed -= MarkDirty;
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void MarkDirty() => Interlocked.Exchange(ref _dirty, 1);

    private async Task RenderLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenderInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Interlocked.Exchange(ref _dirty, 0) == 1)
                {
                    await InvokeAsync(() =>
                    {
                        Refresh();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit went away.
        }
    }

    private void Refresh()
    {
        _replicas = Aggregator.Replicas();
        _totals = ClusterTotals.From(_replicas);
        _renderedAt = Time.GetUtcNow();
    }

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => ratio.ToString("0.0 %", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0 MB", CultureInfo.InvariantCulture);
}
