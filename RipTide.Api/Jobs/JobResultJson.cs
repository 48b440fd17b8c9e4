using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RipTide.Api.Crawling;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Jobs;

/// <summary>
/// A job's result as stored and served: the /crawl result (its document written from the stored bytes, as
/// /crawl does) plus <c>depth</c> and <c>discovered_from</c>, encoded once when the page finishes.
/// </summary>
public static class JobResultJson
{
    private static readonly JsonTypeInfo<CrawlResult> ResultJson = (JsonTypeInfo<CrawlResult>)CrawlResultJson.Options.GetTypeInfo(typeof(CrawlResult));

    public static byte[] Encode(CrawlResult result, int depth, string? discoveredFrom)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(result, ResultJson);
        var tail = JsonSerializer.SerializeToUtf8Bytes(new JobResultPlacement(depth, discoveredFrom), JobResultJsonContext.Default.JobResultPlacement);

        // {"url":…,"error":null} + {"depth":1,"discovered_from":…} → {"url":…,"error":null,"depth":1,"discovered_from":…}
        var joined = new byte[body.Length + tail.Length - 1];
        body.AsSpan(0, body.Length - 1).CopyTo(joined);
        joined[body.Length - 1] = (byte)',';
        tail.AsSpan(1).CopyTo(joined.AsSpan(body.Length));
        return joined;
    }
}

/// <summary>Where in the crawl a result was found.</summary>
public sealed record JobResultPlacement(int Depth, string? DiscoveredFrom);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JobResultPlacement))]
internal sealed partial class JobResultJsonContext : JsonSerializerContext;
