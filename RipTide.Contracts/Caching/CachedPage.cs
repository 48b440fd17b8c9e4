using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Caching;

/// <summary>What the crawl cache stores per key: the fetched page's outcome, its document and the gate's account.</summary>
public sealed record CachedPage(
    string FinalUrl,
    int Status,
    string? ContentType,
    Document Document,
    DateTimeOffset FetchedAt)
{
    public string? GateDecision { get; init; }

    public string? GateEscalation { get; init; }
}
