namespace RipTide.Contracts.Crawling;

/// <summary>Batch statistics; existing clients read <c>avg_processing_time_ms</c> and <c>cache_hit_rate</c>.</summary>
public sealed record CrawlStatistics(
    double TotalProcessingTimeMs,
    double AvgProcessingTimeMs,
    double P95ProcessingTimeMs,
    double CacheHitRate,
    IReadOnlyDictionary<string, int> GateDecisions,
    long BytesFetched,
    CrawlConcurrency? Concurrency = null,
    CrawlRenderStatistics? Renders = null);

/// <summary>
/// The batch's pages that went to the browser: how many were rendered, how many of them because a static probe
/// was poor (escalations), how many renders failed, and the browser time they took together.
/// </summary>
public sealed record CrawlRenderStatistics(int Rendered, int Escalated, int Failed, double RenderTimeMs);

/// <summary>
/// The concurrency a crawl asked for and what it could use: <see cref="Effective"/> is the smaller of the request's
/// concurrency, its URL count and hosts × the per-host limit (so asking 32 of one host explains a use of 8);
/// <see cref="PeakInFlight"/> is what was measured.
/// </summary>
public sealed record CrawlConcurrency(int Requested, int PerHostLimit, int Hosts, int Effective, int PeakInFlight);
