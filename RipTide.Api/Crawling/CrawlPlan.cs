namespace RipTide.Api.Crawling;

/// <summary>A validated crawl request: every URL normalised, every option resolved to a concrete value.</summary>
public sealed record CrawlPlan(
    IReadOnlyList<CrawlTarget> Targets,
    int Concurrency,
    CacheMode CacheMode,
    TimeSpan CacheTtl,
    TimeSpan Timeout);

/// <summary>One URL to crawl: as the client wrote it, and normalised for fetching and cache keys.</summary>
public sealed record CrawlTarget(string RequestedUrl, Uri Url);
