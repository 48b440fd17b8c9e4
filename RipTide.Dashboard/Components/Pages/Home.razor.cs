using System.Globalization;
using Microsoft.AspNetCore.Components;
using RipTide.Contracts.Metrics;
using RipTide.Dashboard.Kpis;
using RipTide.Dashboard.Metrics;

namespace RipTide.Dashboard.Components.Pages;

/// <summary>
/// KPIs, charts and panels, live. Samples arrive once a second; the page re-renders at most every
/// <see cref="RenderInterval"/> and only when something changed.
/// </summary>
public sealed partial class Home : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(500);
    private static readonly int[] WindowChoices = [1, 5, 15];

    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ReplicaView> _replicas = [];
    private IReadOnlyList<MetricsSnapshot> _extractors = [];
    private IReadOnlyList<Kpi> _kpis = [];
    private IReadOnlyList<ClusterSample> _window = [];
    private int _windowMinutes = 5;
    private DateTimeOffset _renderedAt;
    private int _dirty;
    private bool _interactive;

    [Inject]
    public required MetricsAggregator Aggregator { get; init; }

    [Inject]
    public required MetricsHistory History { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    protected override void OnInitialized()
    {
        Refresh();
        History.Sampled += MarkDirty;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Prerendering never gets here: the mark tells a reader (and the browser tests) the circuit is live.
            _interactive = true;
            StateHasChanged();
            _ = RenderLoopAsync(_disposed.Token);
        }
    }

    public void Dispose()
    {
        History.Sampled -= MarkDirty;
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void SelectWindow(int minutes)
    {
        _windowMinutes = minutes;
        Refresh();
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
        _extractors = [.. _replicas.Where(r => r.Latest.Service == MetricsServices.Extractor).Select(r => r.Latest)];
        _kpis = KpiBoard.From(History);
        _window = History.Window(TimeSpan.FromMinutes(_windowMinutes));
        _renderedAt = Time.GetUtcNow();
    }

    /// <summary>How long the longest-running replica has been up.</summary>
    private string Uptime()
    {
        if (_replicas.Count == 0)
        {
            return "–";
        }

        var up = _renderedAt - _replicas.Min(r => r.Latest.StartedAt);
        return up.TotalHours >= 1
            ? $"{(int)up.TotalHours} h {up.Minutes} min"
            : up.ToString(@"m\ \m\i\n\ s\ \s", CultureInfo.InvariantCulture);
    }
}
