using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Crawling;

/// <summary>The outcome for one requested URL: a document, or an error object, never both.</summary>
public sealed record CrawlResult(
    string Url,
    string? FinalUrl,
    int Status,
    bool FromCache,
    string CacheStatus,
    string GateDecision,
    double? QualityScore,
    double ProcessingTimeMs,
    string? ContentType,
    Document? Document,
    CrawlError? Error);
