using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RipTide.Renderer.Telemetry;

/// <summary>The Renderer's instruments (<c>riptide.render.*</c>); the single source for OpenTelemetry and the dashboard.</summary>
public sealed class RendererMetrics
{
    public const string MeterName = "RipTide.Renderer";
    public const string OutcomeTag = "outcome";

    private readonly Counter<long> _renders;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _refusedRequests;
    private readonly Counter<long> _launches;
    private readonly Counter<long> _crashes;
    private readonly Counter<long> _recycles;
    private readonly Counter<long> _overloaded;
    private long _rendersDone;
    private long _crashCount;
    private long _recycleCount;

    public RendererMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _renders = Meter.CreateCounter<long>("riptide.render.count", unit: "{page}", description: "Pages rendered, by outcome.");
        _duration = Meter.CreateHistogram<double>("riptide.render.duration", unit: "s", description: "Time to render one page, queueing included.");
        _refusedRequests = Meter.CreateCounter<long>("riptide.render.refused_requests", unit: "{request}", description: "Requests of rendered pages that were not let out, by reason.");
        _launches = Meter.CreateCounter<long>("riptide.render.browser.launches", unit: "{browser}", description: "Browsers launched.");
        _crashes = Meter.CreateCounter<long>("riptide.render.browser.crashes", unit: "{browser}", description: "Browsers that ended without being asked to.");
        _recycles = Meter.CreateCounter<long>("riptide.render.browser.recycles", unit: "{browser}", description: "Browsers retired after their render count or memory cap.");
        _overloaded = Meter.CreateCounter<long>("riptide.render.overloaded", unit: "{page}", description: "Renders refused because every slot and the waiting line were full.");
    }

    public Meter Meter { get; }

    public long RendersDone => Interlocked.Read(ref _rendersDone);

    public long CrashCount => Interlocked.Read(ref _crashCount);

    public long RecycleCount => Interlocked.Read(ref _recycleCount);

    public void Rendered(string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { OutcomeTag, outcome } };
        _renders.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
        Interlocked.Increment(ref _rendersDone);
    }

    public void RefusedRequest(string reason) => _refusedRequests.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Launched() => _launches.Add(1);

    public void Crashed()
    {
        _crashes.Add(1);
        Interlocked.Increment(ref _crashCount);
    }

    public void Recycled()
    {
        _recycles.Add(1);
        Interlocked.Increment(ref _recycleCount);
    }

    public void Refused() => _overloaded.Add(1);

    /// <summary>The pool's state as gauges, read when a collector asks.</summary>
    public void ObservePool(Func<int> browsers, Func<int> busy, Func<int> waiting, Func<long> residentBytes)
    {
        Meter.CreateObservableGauge("riptide.render.browsers", () => (long)browsers(), unit: "{browser}", description: "Browsers running.");
        Meter.CreateObservableGauge("riptide.render.busy", () => (long)busy(), unit: "{page}", description: "Pages rendering now.");
        Meter.CreateObservableGauge("riptide.render.waiting", () => (long)waiting(), unit: "{page}", description: "Renders waiting for a slot.");
        Meter.CreateObservableGauge("riptide.render.browser.memory", residentBytes, unit: "By", description: "Resident size of all browser processes.");
    }
}
