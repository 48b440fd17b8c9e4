using System.Text.Json.Serialization;
using RipTide.Contracts.Crawling;

namespace RipTide.Contracts.Jobs;

/// <summary>
/// Body of POST /jobs. Without <see cref="Spider"/> the job crawls exactly <see cref="Seeds"/> (an asynchronous
/// batch); with it, the job follows links from the seeds. Unknown members are rejected, never ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record JobRequest(
    IReadOnlyList<string>? Seeds,
    SpiderOptions? Spider = null,
    CrawlOptions? Options = null,
    JobWebhook? Webhook = null);

/// <summary>How a job follows links; every member is optional and validated by the Api.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SpiderOptions(
    string? Strategy = null,
    IReadOnlyList<string>? Keywords = null,
    int? MaxDepth = null,
    int? MaxPages = null,
    string? Scope = null,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Exclude = null,
    string? Sitemap = null,
    bool? IgnoreQueryParams = null);

/// <summary>Where a job's events are POSTed, signed (see docs/JOBS.md).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record JobWebhook(
    string? Url,
    IReadOnlyDictionary<string, string>? Headers = null,
    IReadOnlyList<string>? Events = null);
