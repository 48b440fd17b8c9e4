using System.Text.Json;

namespace RipTide.Api.Crawling;

/// <summary>
/// A validated crawl request: every URL normalised, every option resolved to a concrete value.
/// <see cref="PerHostConcurrency"/> is the request's own per-host limit (the server's, unless it asked for less).
/// </summary>
public sealed record CrawlPlan(
    IReadOnlyList<CrawlTarget> Targets,
    int Concurrency,
    CacheMode CacheMode,
    TimeSpan? CacheTtlOverride,
    TimeSpan Timeout,
    PageOutput Output,
    bool RespectRobots,
    int PerHostConcurrency = int.MaxValue)
{
    /// <summary>Set from <c>X-Cache-Warming: true</c>: counted apart from client traffic.</summary>
    public bool Warming { get; init; }
}

/// <summary>One URL to crawl: as the client wrote it, and normalised for fetching and cache keys.</summary>
public sealed record CrawlTarget(string RequestedUrl, Uri Url);

/// <summary>
/// Every option that changes what a result contains. All of it is part of the cache key, so that no
/// request is ever served a document shaped for another.
/// </summary>
public sealed record PageOutput(string Extraction, string Render, bool IncludeHtml, bool IncludeMarkdown, JsonElement? CssSchema)
{
    /// <summary>A stable text form of the options, for cache keys.</summary>
    public string Fingerprint() => string.Join(
        '\u001f',
        Extraction,
        Render,
        IncludeHtml ? "html" : "-",
        IncludeMarkdown ? "md" : "-",
        CssSchema is { } schema ? JsonSerializer.Serialize(schema) : "-");
}
