using RipTide.Contracts.Crawling;

namespace RipTide.Api.Fetching;

/// <summary>A robots.txt response: its status and text (truncated at the cap), or why there was none.</summary>
public sealed record RobotsFetch(int Status, string? Body, CrawlError? Error);
