using System.Text.Json;
using System.Text.Json.Serialization;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Contracts.Jobs;
using RipTide.Contracts.Metrics;
using RipTide.Contracts.Rendering;

namespace RipTide.Contracts;

/// <summary>
/// The one source-generated JSON context for HTTP bodies, Redis payloads and SignalR messages.
/// snake_case on the wire; nulls are written (the contract keeps e.g. <c>"error": null</c>).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    // Two parsers that disagree on which duplicate wins are a smuggling channel; a duplicate is refused.
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(CrawlRequest))]
[JsonSerializable(typeof(CachedPageHeader))]
[JsonSerializable(typeof(CacheStats))]
[JsonSerializable(typeof(CacheWarmAccepted))]
[JsonSerializable(typeof(CacheInvalidation))]
[JsonSerializable(typeof(PopularUrls))]
[JsonSerializable(typeof(FetchHostsStats))]
[JsonSerializable(typeof(FetchHostStats))]
[JsonSerializable(typeof(CrawlResponse))]
[JsonSerializable(typeof(CrawlStreamStart))]
[JsonSerializable(typeof(CrawlStreamResult))]
[JsonSerializable(typeof(CrawlStreamHeartbeat))]
[JsonSerializable(typeof(CrawlStreamSummary))]
[JsonSerializable(typeof(ExtractRequest))]
[JsonSerializable(typeof(CssSchemaCheck))]
[JsonSerializable(typeof(Document))]
[JsonSerializable(typeof(WasmPoolStats))]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JobRequest))]
[JsonSerializable(typeof(JobAccepted))]
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(JobDetail))]
[JsonSerializable(typeof(MapRequest))]
[JsonSerializable(typeof(MapResponse))]
[JsonSerializable(typeof(JobResultsPage))]
[JsonSerializable(typeof(JobStreamResult))]
[JsonSerializable(typeof(JobStreamEnd))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(RenderRequest))]
[JsonSerializable(typeof(RenderResponse))]
public sealed partial class RipTideJsonContext : JsonSerializerContext;
