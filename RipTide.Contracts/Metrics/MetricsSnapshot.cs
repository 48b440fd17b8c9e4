using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Metrics;

/// <summary>
/// One replica's state, published about once a second to the dashboard. Counters are totals since the
/// replica started (so a lost snapshot loses nothing); latency percentiles cover a recent sliding window;
/// <see cref="CpuUsage"/> is the share of the whole machine used since the previous snapshot (1 = every core).
/// For the Api, requests are crawl API requests; for the Extractor, extractions; for the Renderer, renders. The parts only one service
/// has are null in the other's snapshots. <see cref="RecentCrawls"/> are the replica's newest finished URLs.
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
    long WorkingSetBytes,
    double LatencyP99Ms = 0,
    double CpuUsage = 0,
    IReadOnlyDictionary<string, long>? GateDecisions = null,
    FetchPoolSnapshot? FetchPool = null,
    WasmPoolStats? Pool = null,
    IReadOnlyList<RecentCrawl>? RecentCrawls = null,
    RenderPoolSnapshot? Render = null);

/// <summary>
/// The Renderer's browsers: how many run, render slots busy and free, renders waiting, and totals since the
/// replica started (renders, browser crashes, recycles), with the browsers' resident size together.
/// </summary>
public sealed record RenderPoolSnapshot(int Browsers, int Busy, int Idle, int Waiting, long Renders, long Crashes, long Recycles, long ResidentBytes);

/// <summary>The Api's open fetch connections: all hosts, and the busiest hosts by name (a bounded number).</summary>
public sealed record FetchPoolSnapshot(int OpenConnections, IReadOnlyDictionary<string, int> BusiestHosts);

/// <summary>The <see cref="MetricsSnapshot.Service"/> names.</summary>
public static class MetricsServices
{
    public const string Api = "api";
    public const string Extractor = "extractor";
    public const string Renderer = "renderer";
}
