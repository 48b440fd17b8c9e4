using System.Text.Json;
using System.Text.Json.Serialization;

namespace RipTide.Contracts.Firecrawl;

/// <summary>
/// Firecrawl v2's scrape options (camelCase on the wire), as its SDKs send them for a scrape, a batch and a
/// crawl's <c>scrapeOptions</c>. The options RipTide maps are typed; every other member lands in
/// <see cref="Other"/>, where the Api accepts Firecrawl's options at their "off" value and refuses the rest by
/// name, so nothing a client asks for is silently ignored.
/// </summary>
public record FirecrawlScrapeOptions
{
    /// <summary>Each a name (<c>"markdown"</c>) or an object with a <c>type</c> (<c>{"type": "screenshot", "fullPage": true}</c>).</summary>
    public IReadOnlyList<JsonElement>? Formats { get; init; }

    public bool? OnlyMainContent { get; init; }

    /// <summary>Milliseconds for the whole page.</summary>
    public int? Timeout { get; init; }

    /// <summary>Milliseconds a cached copy may be old; 0 fetches the page afresh.</summary>
    public long? MaxAge { get; init; }

    public bool? StoreInCache { get; init; }

    public bool? RemoveBase64Images { get; init; }

    /// <summary>Milliseconds to wait in the browser once the page has settled, before reading it.</summary>
    public int? WaitFor { get; init; }

    /// <summary>The page as a phone gets it: a mobile user agent, and a phone's viewport when rendered.</summary>
    public bool? Mobile { get; init; }

    /// <summary>Headers sent with the page's request (cookies, authorization, a user agent).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>CSS selectors: only what they match is extracted.</summary>
    public IReadOnlyList<string>? IncludeTags { get; init; }

    /// <summary>CSS selectors: what they match is removed before extraction.</summary>
    public IReadOnlyList<string>? ExcludeTags { get; init; }

    /// <summary>The SDK's name for itself (<c>js-sdk@4.42.0</c>); informational.</summary>
    public string? Origin { get; init; }

    public string? Integration { get; init; }

    // Settable, not init: System.Text.Json fills extension data after construction, member by member.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>POST /v2/scrape.</summary>
public sealed record FirecrawlScrapeRequest : FirecrawlScrapeOptions
{
    public string? Url { get; init; }
}

/// <summary>POST /v2/batch/scrape: the URLs beside the scrape options, at the top level as Firecrawl has them.</summary>
public sealed record FirecrawlBatchRequest : FirecrawlScrapeOptions
{
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>A URL, or <c>{"url", "headers", "metadata", "events"}</c>.</summary>
    public JsonElement? Webhook { get; init; }

    [JsonPropertyName("ignoreInvalidURLs")]
    public bool? IgnoreInvalidUrls { get; init; }

    public int? MaxConcurrency { get; init; }
}

/// <summary>POST /v2/crawl.</summary>
public sealed record FirecrawlCrawlRequest
{
    public string? Url { get; init; }

    public IReadOnlyList<string>? IncludePaths { get; init; }

    public IReadOnlyList<string>? ExcludePaths { get; init; }

    public int? MaxDiscoveryDepth { get; init; }

    /// <summary><c>include</c> (default), <c>skip</c> or <c>only</c>.</summary>
    public string? Sitemap { get; init; }

    public bool? IgnoreQueryParameters { get; init; }

    public int? Limit { get; init; }

    public bool? CrawlEntireDomain { get; init; }

    public bool? AllowExternalLinks { get; init; }

    public bool? AllowSubdomains { get; init; }

    /// <summary>Seconds between requests to the site.</summary>
    public double? Delay { get; init; }

    public int? MaxConcurrency { get; init; }

    public JsonElement? Webhook { get; init; }

    public FirecrawlScrapeOptions? ScrapeOptions { get; init; }

    public string? Origin { get; init; }

    public string? Integration { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>POST /v2/map.</summary>
public sealed record FirecrawlMapRequest
{
    public string? Url { get; init; }

    public string? Search { get; init; }

    public string? Sitemap { get; init; }

    public bool? IncludeSubdomains { get; init; }

    public bool? IgnoreQueryParameters { get; init; }

    public int? Limit { get; init; }

    public int? Timeout { get; init; }

    public string? Origin { get; init; }

    public string? Integration { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}
