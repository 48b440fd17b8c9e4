using System.Diagnostics.Metrics;
using RipTide.Contracts.Metrics;
using RipTide.LiveMetrics;
using RipTide.Renderer.Browsers;

namespace RipTide.Renderer.Telemetry;

/// <summary>The Renderer's dashboard snapshot: renders and their durations from its own instruments, and the browser pool's state.</summary>
public sealed class RendererSnapshotSource : IMetricsSnapshotSource, IDisposable
{
    private static readonly TimeSpan LatencyWindowSpan = TimeSpan.FromSeconds(30);

    private readonly MeterListener _listener;
    private readonly TimeProvider _time;
    private readonly ProcessUsage _usage;
    private readonly BrowserPool _pool;
    private readonly RendererMetrics _metrics;
    private readonly LatencyWindow _durations;
    private readonly DateTimeOffset _startedAt;
    private long _failures;

    public RendererSnapshotSource(RendererMetrics metrics, BrowserPool pool, TimeProvider time, ProcessUsage usage)
    {
        _time = time;
        _usage = usage;
        _pool = pool;
        _metrics = metrics;
        _durations = new LatencyWindow(time, LatencyWindowSpan);
        _startedAt = time.GetUtcNow();
        _listener = OwnMeterListener.Create(metrics.Meter, instrument => instrument.Name == "riptide.render.duration");
        _listener.SetMeasurementEventCallback<double>(OnRender);
        _listener.Start();
    }

    public MetricsSnapshot Snapshot(string replica)
    {
        var durations = _durations.Percentiles();
        var (cpu, workingSet) = _usage.Read();
        var browsers = _pool.Running;
        return new MetricsSnapshot(
            replica,
            MetricsServices.Renderer,
            _time.GetUtcNow(),
            _startedAt,
            _metrics.RendersDone,
            Interlocked.Read(ref _failures),
            UrlsProcessed: 0,
            CacheHits: 0,
            CacheMisses: 0,
            durations.P50,
            durations.P95,
            workingSet,
            durations.P99,
            cpu,
            Render: new RenderPoolSnapshot(browsers.Count, _pool.Busy, _pool.MaxConcurrentRenders - _pool.Busy, _pool.Waiting,
                _metrics.RendersDone, _metrics.CrashCount, _metrics.RecycleCount, browsers.Sum(b => b.ResidentBytes)));
    }

    private void OnRender(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        _durations.Add(seconds * 1000);
        foreach (var tag in tags)
        {
            if (tag.Key == RendererMetrics.OutcomeTag && tag.Value as string != "ok")
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
