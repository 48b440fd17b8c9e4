using System.Globalization;
using Microsoft.AspNetCore.Components;
using RipTide.Contracts.Metrics;
using RipTide.Dashboard.Kpis;
using RipTide.Dashboard.Metrics;

namespace RipTide.Dashboard.Components.Pages;

/// <summary>KPIs, charts and panels, live: samples arrive once a second and mark the page for its next render.</summary>
public sealed partial class Home
{
    private static readonly int[] WindowChoices = [1, 5, 15];

    private IReadOnlyList<ReplicaView> _replicas = [];
    private IReadOnlyList<MetricsSnapshot> _extractors = [];
    private IReadOnlyList<ReplicaView> _renderers = [];
    private IReadOnlyList<Kpi> _kpis = [];
    private IReadOnlyList<ClusterSample> _window = [];
    private int _windowMinutes = 5;
    private DateTimeOffset _renderedAt;

    [Inject]
    public required MetricsAggregator Aggregator { get; init; }

    [Inject]
    public required MetricsHistory History { get; init; }

    protected override void OnInitialized()
    {
        Refresh();
        History.Sampled += MarkDirty;
    }

    protected override void Unsubscribe() => History.Sampled -= MarkDirty;

    private void SelectWindow(int minutes)
    {
        _windowMinutes = minutes;
        Refresh();
    }

    protected override void Refresh()
    {
        _replicas = Aggregator.Replicas();
        _extractors = [.. _replicas.Where(r => r.Latest.Service == MetricsServices.Extractor).Select(r => r.Latest)];
        _renderers = [.. _replicas.Where(r => r.Latest.Service == MetricsServices.Renderer)];
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
