using System.Diagnostics.Metrics;
using RipTide.Contracts.Metrics;
using RipTide.LiveMetrics;
using RipTide.Sandbox;

namespace RipTide.Extractor.Telemetry;

/// <summary>
/// The Extractor's dashboard snapshot: extractions and their durations from its own
/// <see cref="ExtractorMetrics"/> instruments, and the sandbox pool's state (slots, waits, traps, memory).
/// </summary>
public sealed class ExtractorSnapshotSource : IMetricsSnapshotSource, IDisposable
{
    private static readonly TimeSpan LatencyWindowSpan = TimeSpan.FromSeconds(30);

    private readonly MeterListener _listener;
    private readonly TimeProvider _time;
    private readonly ProcessUsage _usage;
    private readonly WasmSandbox _sandbox;
    private readonly LatencyWindow _durations;
    private readonly DateTimeOffset _startedAt;
    private long _extractions;
    private long _failures;

    public ExtractorSnapshotSource(ExtractorMetrics metrics, WasmSandbox sandbox, TimeProvider time, ProcessUsage usage)
    {
        _time = time;
        _usage = usage;
        _sandbox = sandbox;
        _durations = new LatencyWindow(time, LatencyWindowSpan);
        _startedAt = time.GetUtcNow();
        _listener = OwnMeterListener.Create(metrics.Meter, instrument => instrument.Name is ExtractorMetrics.ExtractionsName or ExtractorMetrics.DurationName);
        _listener.SetMeasurementEventCallback<long>(OnExtraction);
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _durations.Add(seconds * 1000));
        _listener.Start();
    }

    public MetricsSnapshot Snapshot(string replica)
    {
        var durations = _durations.Percentiles();
        var (cpu, workingSet) = _usage.Read();
        return new MetricsSnapshot(
            replica,
            MetricsServices.Extractor,
            _time.GetUtcNow(),
            _startedAt,
            Interlocked.Read(ref _extractions),
            Interlocked.Read(ref _failures),
            UrlsProcessed: 0,
            CacheHits: 0,
            CacheMisses: 0,
            durations.P50,
            durations.P95,
            workingSet,
            durations.P99,
            cpu,
            Pool: _sandbox.Pool?.Stats());
    }

    public void Dispose() => _listener.Dispose();

    private void OnExtraction(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        Interlocked.Add(ref _extractions, value);
        if (OwnMeterListener.Tag(tags, ExtractorMetrics.OutcomeTag) is not ExtractorMetrics.OutcomeOk)
        {
            Interlocked.Add(ref _failures, value);
        }
    }
}
