using RipTide.Contracts.Crawling;

namespace RipTide.Api.Fetching;

/// <summary>A file fetched whole (a sitemap): its status and bytes, or why there are none.</summary>
public sealed record FetchedFile(int Status, byte[]? Body, CrawlError? Error);
