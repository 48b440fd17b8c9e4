using System.Text.Json;
using System.Text.Json.Serialization;

namespace RipTide.Contracts.Crawling;

/// <summary>Per-request crawl options; every member is optional and validated by the Api.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CrawlOptions(
    int? Concurrency = null,
    string? CacheMode = null,
    int? CacheTtlSeconds = null,
    int? TimeoutMs = null,
    string? Extraction = null,
    string? Render = null,
    bool? RespectRobots = null,
    bool? IncludeHtml = null,
    bool? IncludeMarkdown = null,
    JsonElement? CssSchema = null,
    int? PerHostConcurrency = null,
    int? RenderTimeoutMs = null,
    string? WaitFor = null,
    int? Scroll = null,
    bool? Screenshot = null,
    bool? FullPageScreenshot = null,
    int? WaitMs = null,
    IReadOnlyList<string>? IncludeSelectors = null,
    IReadOnlyList<string>? ExcludeSelectors = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    bool? Mobile = null,
    int? DelayMs = null);
