using System.Text.Json.Serialization;

namespace RipTide.Contracts.Crawling;

/// <summary>Body of POST /crawl and POST /crawl/stream. Unknown members are rejected, never ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CrawlRequest(IReadOnlyList<string>? Urls, CrawlOptions? Options = null);
