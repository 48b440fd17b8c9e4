using System.Diagnostics;
using System.Diagnostics.Metrics;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Metrics;

namespace RipTide.Api.Telemetry;

/// <summary>
/// Listens to this replica's own <see cref="ApiMetrics"/> instruments and keeps what a dashboard snapshot
/// needs: running totals and a sliding window of request latencies for percentiles.
/// </summary>
public sealed class ReplicaMetricsCollector : IDisposable
{
    private static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(30);
    private const int MaxLatencySamples = 8192;

    private readonly MeterListener _listener = new();
    private readonly TimeProvider _time;
    private readonly Lock _latencyLock = new();
    private readonly Queue<(long Timestamp, double Milliseconds)> _latencies = new();
    private readonly DateTimeOffset _startedAt;
    private long _requests;
    private long _errors;
    private long _urls;
    private long _cacheHits;
    private long _cacheMisses;

    public ReplicaMetricsCollector(ApiMetrics metrics, TimeProvider time)
    {
        _time = time;
        _startedAt = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<double>(OnDouble);
        _listener.Start();
    }

    public MetricsSnapshot Snapshot(string replica, string service)
    {
        double[] window;
        lock (_latencyLock)
        {
            Trim();
            window = [.. _latencies.Select(l => l.Milliseconds)];
        }

        Array.Sort(window);
        using var process = Process.GetCurrentProcess();
        return new MetricsSnapshot(
            replica,
            service,
            _time.GetUtcNow(),
            _startedAt,
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _errors),
            Interlocked.Read(ref _urls),
            Interlocked.Read(ref _cacheHits),
            Interlocked.Read(ref _cacheMisses),
            Math.Round(Crawling.CrawlStatisticsCalculator.Percentile(window, 0.50), 3),
            Math.Round(Crawling.CrawlStatisticsCalculator.Percentile(window, 0.95), 3),
            process.WorkingSet64);
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
                Interlocked.Add(ref _urls, value);
                if (Tag(tags, ApiMetrics.OutcomeTag) is ApiMetrics.Failure)
                {
                    Interlocked.Add(ref _errors, value);
                }

                // Warming traffic is counted apart: it would otherwise drag the client-facing hit rate down.
                if (Tag(tags, ApiMetrics.WarmingTag) is true)
                {
                    break;
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

                break;
        }
    }

    private void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name != ApiMetrics.RequestDurationName)
        {
            return;
        }

        lock (_latencyLock)
        {
            _latencies.Enqueue((_time.GetTimestamp(), value * 1000));
            while (_latencies.Count > MaxLatencySamples)
            {
                _latencies.Dequeue();
            }
        }
    }

    private void Trim()
    {
        while (_latencies.Count > 0 && _time.GetElapsedTime(_latencies.Peek().Timestamp) > LatencyWindow)
        {
            _latencies.Dequeue();
        }
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value;
            }
        }

        return null;
    }
}
