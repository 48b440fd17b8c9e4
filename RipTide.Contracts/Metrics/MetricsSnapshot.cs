namespace RipTide.Contracts.Metrics;

/// <summary>
/// One replica's state, published about once a second to the dashboard. Counters are totals since the
/// replica started (so a lost snapshot loses nothing); latency percentiles cover a recent sliding window.
/// </summary>
public sealed record MetricsSnapshot(
    string Replica,
    string Service,
    DateTimeOffset Timestamp,
    DateTimeOffset StartedAt,
    long Requests,
    long Errors,
    long UrlsProcessed,
    long CacheHits,
    long CacheMisses,
    double LatencyP50Ms,
    double LatencyP95Ms,
    long WorkingSetBytes);
