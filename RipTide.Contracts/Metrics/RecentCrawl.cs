namespace RipTide.Contracts.Metrics;

/// <summary>One URL an Api replica finished recently, for the dashboard's "recent crawls" list.</summary>
public sealed record RecentCrawl(
    string Url,
    int Status,
    string GateDecision,
    double ProcessingTimeMs,
    bool FromCache,
    string? ErrorType,
    DateTimeOffset FinishedAt);
