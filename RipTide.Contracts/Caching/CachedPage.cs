using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Caching;

/// <summary>What the crawl cache stores per key: the fetched page's outcome and its document.</summary>
public sealed record CachedPage(
    string FinalUrl,
    int Status,
    string? ContentType,
    Document Document,
    DateTimeOffset FetchedAt);
