using System.Globalization;
using System.Text;

namespace RipTide.ServiceDefaults.Telemetry;

/// <summary>
/// One reporting period's requests per endpoint and cache lookups, turned into the one-line report:
/// count, success rate, avg/p95/p99 and throughput per endpoint, and the cache hit rate. Durations are
/// kept up to a cap per endpoint (a uniform sample beyond it), so a busy minute costs bounded memory.
/// </summary>
public sealed class PerformanceWindow(int maxSamplesPerEndpoint = 10_000)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, EndpointStats> _endpoints = new(StringComparer.Ordinal);
    private long _cacheHits;
    private long _cacheMisses;

    public void RecordRequest(string endpoint, int status, double seconds)
    {
        lock (_lock)
        {
            if (!_endpoints.TryGetValue(endpoint, out var stats))
            {
                stats = new EndpointStats();
                _endpoints[endpoint] = stats;
            }

            stats.Count++;
            if (status < 500)
            {
                stats.Succeeded++;
            }

            stats.Sum += seconds;
            if (stats.Samples.Count < maxSamplesPerEndpoint)
            {
                stats.Samples.Add(seconds);
            }
            else if (Random.Shared.NextInt64(stats.Count) < maxSamplesPerEndpoint)
            {
                // Reservoir sampling keeps a uniform sample of the whole period.
                stats.Samples[Random.Shared.Next(maxSamplesPerEndpoint)] = seconds;
            }
        }
    }

    public void RecordCacheLookup(bool hit)
    {
        lock (_lock)
        {
            if (hit)
            {
                _cacheHits++;
            }
            else
            {
                _cacheMisses++;
            }
        }
    }

    /// <summary>The report of the period that lasted <paramref name="elapsed"/>; the window starts afresh.</summary>
    public string Drain(TimeSpan elapsed)
    {
        lock (_lock)
        {
            var report = new StringBuilder();
            var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
            foreach (var (endpoint, stats) in _endpoints.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                stats.Samples.Sort();
                report.Append(CultureInfo.InvariantCulture,
                    $"{(report.Length == 0 ? string.Empty : "; ")}{endpoint}: n={stats.Count} ok={100.0 * stats.Succeeded / stats.Count:0.0}% " +
                    $"avg={1000 * stats.Sum / stats.Count:0.0}ms p95={1000 * Percentile(stats.Samples, 0.95):0.0}ms " +
                    $"p99={1000 * Percentile(stats.Samples, 0.99):0.0}ms {stats.Count / seconds:0.00}/s");
            }

            if (report.Length == 0)
            {
                report.Append("no requests");
            }

            var lookups = _cacheHits + _cacheMisses;
            if (lookups > 0)
            {
                report.Append(CultureInfo.InvariantCulture, $"; cache hit rate {100.0 * _cacheHits / lookups:0.0}% of {lookups}");
            }

            _endpoints.Clear();
            _cacheHits = 0;
            _cacheMisses = 0;
            return report.ToString();
        }
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class EndpointStats
    {
        public long Count;
        public long Succeeded;
        public double Sum;
        public List<double> Samples { get; } = [];
    }
}
