namespace RipTide.Contracts.Crawling;

/// <summary>A per-URL failure; the request as a whole still succeeds.</summary>
public sealed record CrawlError(string Type, string Message, bool Retryable);
