using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Metrics;
using RipTide.LiveMetrics;

namespace RipTide.Api.Telemetry;

/// <summary>
/// Listens to this replica's own <see cref="ApiMetrics"/> instruments and keeps what a dashboard snapshot
/// needs: running totals, gate decisions, a sliding window of request latencies for percentiles, and (read
/// on demand from the observable gauges) the fetch connection pool.
/// </summary>
public sealed class ReplicaMetricsCollector : IMetricsSnapshotSource, IDisposable
{
    private static readonly TimeSpan LatencyWindowSpan = TimeSpan.FromSeconds(30);

    private readonly MeterListener _listener;
    private readonly TimeProvider _time;
    private readonly ProcessUsage _usage;
    private readonly RecentCrawlLog _recent;
    private readonly LatencyWindow _latencies;
    private readonly DateTimeOffset _startedAt;
    private readonly ConcurrentDictionary<string, long> _gateDecisions = new(StringComparer.Ordinal);
    private readonly Lock _gaugeLock = new();
    private long _requests;
    private long _errors;
    private long _urls;
    private long _cacheHits;
    private long _cacheMisses;
    private int _openConnections;
    private Dictionary<string, int> _hostConnections = [];

    public ReplicaMetricsCollector(ApiMetrics metrics, RecentCrawlLog recent, TimeProvider time, ProcessUsage usage)
    {
        _time = time;
        _usage = usage;
        _recent = recent;
        _latencies = new LatencyWindow(time, LatencyWindowSpan);
        _startedAt = time.GetUtcNow();
        _listener = OwnMeterListener.Create(metrics.Meter);
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<int>(OnGauge);
        _listener.SetMeasurementEventCallback<double>(OnDouble);
        _listener.Start();
    }

    public MetricsSnapshot Snapshot(string replica)
    {
        var latency = _latencies.Percentiles();
        var (cpu, workingSet) = _usage.Read();
        FetchPoolSnapshot fetchPool;
        lock (_gaugeLock)
        {
            _hostConnections = [];
            _listener.RecordObservableInstruments();
            fetchPool = new FetchPoolSnapshot(_openConnections, _hostConnections);
        }

        return new MetricsSnapshot(
            replica,
            MetricsServices.Api,
            _time.GetUtcNow(),
            _startedAt,
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _errors),
            Interlocked.Read(ref _urls),
            Interlocked.Read(ref _cacheHits),
            Interlocked.Read(ref _cacheMisses),
            latency.P50,
            latency.P95,
            workingSet,
            latency.P99,
            cpu,
            new Dictionary<string, long>(_gateDecisions, StringComparer.Ordinal),
            fetchPool,
            RecentCrawls: _recent.Newest());
    }

    public void Dispose() => _listener.Dispose();

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case ApiMetrics.RequestsName:
                Interlocked.Add(ref _requests, value);
                if (Tag(tags, ApiMetrics.StatusCodeTag) is int status && status >= 500)
                {
                    Interlocked.Add(ref _errors, value);
                }

                break;
            case ApiMetrics.UrlsName:
                CountUrl(value, tags);
                break;
            case ApiMetrics.GateDecisionsName when Tag(tags, ApiMetrics.DecisionTag) is string decision:
                _gateDecisions.AddOrUpdate(decision, value, (_, total) => total + value);
                break;
        }
    }

    private void CountUrl(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Add(ref _urls, value);
        if (Tag(tags, ApiMetrics.OutcomeTag) is ApiMetrics.Failure)
        {
            Interlocked.Add(ref _errors, value);
        }

        // Warming traffic is counted apart: it would otherwise drag the client-facing hit rate down.
        if (Tag(tags, ApiMetrics.WarmingTag) is true)
        {
            return;
        }

        switch (Tag(tags, ApiMetrics.CacheStatusTag))
        {
            case CacheStatuses.Hit:
                Interlocked.Add(ref _cacheHits, value);
                break;
            case CacheStatuses.Miss:
                Interlocked.Add(ref _cacheMisses, value);
                break;
        }
    }

    /// <summary>Observable gauges report only while <see cref="Snapshot"/> holds the gauge lock.</summary>
    private void OnGauge(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case ApiMetrics.ConnectionsOpenName:
                _openConnections = value;
                break;
            case ApiMetrics.HostConnectionsOpenName when Tag(tags, ApiMetrics.HostTag) is string host:
                _hostConnections[host] = value;
                break;
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == ApiMetrics.RequestDurationName)
        {
            _latencies.Add(value * 1000);
        }
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name) => OwnMeterListener.Tag(tags, name);
}
