using RipTide.Contracts.Crawling;

namespace RipTide.Api.Politeness;

/// <summary>What robots.txt says about one URL: allowed (with the host's Crawl-delay), disallowed, or unknown.</summary>
public sealed record RobotsVerdict(bool Allowed, TimeSpan? CrawlDelay, CrawlError? Error);
