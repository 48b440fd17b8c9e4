using System.Text.Json.Serialization;

namespace RipTide.Contracts.Firecrawl;

/// <summary>A scraped page in Firecrawl's shape: only the formats asked for are present.</summary>
public sealed record FirecrawlDocument(
    string? Markdown,
    string? Html,
    string? RawHtml,
    IReadOnlyList<string>? Links,
    IReadOnlyList<string>? Images,
    string? Screenshot,
    FirecrawlMetadata Metadata);

/// <summary>
/// A page's metadata. <see cref="SourceUrl"/> is the URL asked for, <see cref="Url"/> the one finally fetched;
/// <see cref="Error"/> says why a page has no content. <see cref="Tags"/> holds the page's other <c>&lt;meta&gt;</c>
/// tags under their own names (<c>twitter:card</c>, <c>og:type</c>, …), as Firecrawl reports them.
/// </summary>
public sealed record FirecrawlMetadata(
    string? Title,
    string? Description,
    string? Language,
    string? Keywords,
    string? Robots,
    string? Author,
    string? PublishedTime,
    string? ModifiedTime,
    string? OgTitle,
    string? OgDescription,
    string? OgUrl,
    string? OgImage,
    string? OgLocale,
    string? OgSiteName,
    [property: JsonPropertyName("sourceURL")] string SourceUrl,
    string Url,
    int StatusCode,
    string? ContentType,
    string? CacheState,
    string? Error)
{
    // Settable, not init: System.Text.Json fills extension data after construction.
    [JsonExtensionData]
    public Dictionary<string, object>? Tags { get; set; }
}

public sealed record FirecrawlScrapeResponse(bool Success, FirecrawlDocument Data);

/// <summary>The answer to starting a crawl or a batch: its id and where its status is.</summary>
public sealed record FirecrawlJobStarted(
    bool Success,
    string Id,
    string Url,
    [property: JsonPropertyName("invalidURLs")] IReadOnlyList<string>? InvalidUrls = null);

/// <summary>A crawl's or batch's status with a page of its documents; <see cref="Next"/> is the next page's URL.</summary>
public sealed record FirecrawlJobStatus(
    bool Success,
    string Status,
    long Total,
    long Completed,
    long CreditsUsed,
    DateTimeOffset ExpiresAt,
    string? Next,
    IReadOnlyList<FirecrawlDocument> Data);

public sealed record FirecrawlCancelled(bool Success, string Status);

/// <summary>GET …/errors: pages that failed, and URLs robots.txt kept the crawl from.</summary>
public sealed record FirecrawlJobErrors(IReadOnlyList<FirecrawlPageError> Errors, IReadOnlyList<string> RobotsBlocked);

public sealed record FirecrawlPageError(string Id, DateTimeOffset? Timestamp, string Url, string Error);

public sealed record FirecrawlActiveCrawls(bool Success, IReadOnlyList<FirecrawlActiveCrawl> Crawls);

public sealed record FirecrawlActiveCrawl(string Id, string TeamId, string Url);

public sealed record FirecrawlMapResponse(bool Success, IReadOnlyList<FirecrawlLink> Links);

public sealed record FirecrawlLink(string Url, string? Title = null, string? Description = null);

/// <summary>Every Firecrawl error body: <c>{"success": false, "error": "…"}</c>.</summary>
public sealed record FirecrawlError(bool Success, string Error);
