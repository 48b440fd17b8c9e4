namespace RipTide.Contracts.Crawling;

/// <summary>Response of POST /crawl: results in request order plus batch statistics.</summary>
public sealed record CrawlResponse(
    string RequestId,
    int TotalUrls,
    int Successful,
    int Failed,
    int FromCache,
    IReadOnlyList<CrawlResult> Results,
    CrawlStatistics Statistics);
