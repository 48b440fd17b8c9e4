namespace RipTide.Contracts.Caching;

/// <summary>
/// What the crawl cache stores about a page besides its document: the fetch's outcome and the gate's account.
/// The quality score is repeated here so that a cache hit can be answered without reading the document.
/// </summary>
public sealed record CachedPageHeader(
    string FinalUrl,
    int Status,
    string? ContentType,
    DateTimeOffset FetchedAt,
    double QualityScore,
    string? GateDecision,
    string? GateEscalation)
{
    /// <summary>The stored document's length in bytes, set by the codec: a value cut short or run on is a miss.</summary>
    public int DocumentBytes { get; init; }
}
