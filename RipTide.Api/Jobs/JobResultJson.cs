using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RipTide.Api.Crawling;
using RipTide.Contracts.Crawling;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Api.Jobs;

/// <summary>
/// A job's result as stored and served: the /crawl result (its document written from the stored bytes, as
/// /crawl does) plus <c>depth</c> and <c>discovered_from</c>, encoded once when the page finishes.
/// </summary>
public static class JobResultJson
{
    private static readonly JsonTypeInfo<CrawlResult> ResultJson = (JsonTypeInfo<CrawlResult>)CrawlResultJson.Options.GetTypeInfo(typeof(CrawlResult));

    /// <summary>A writer over a caller's buffer writes as <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonTypeInfo{TValue})"/> would with the same options.</summary>
    private static readonly JsonWriterOptions ResultWriter = new()
    {
        Encoder = CrawlResultJson.Options.Encoder,
        Indented = CrawlResultJson.Options.WriteIndented,
        MaxDepth = CrawlResultJson.Options.MaxDepth,
    };

    /// <summary>
    /// Writes the result into <paramref name="output"/>: written into pooled buffers rather than one
    /// array for the result, one for its placement and one joining them (a page's document is tens of kilobytes,
    /// and these copies were over a third of what the Api allocated per page).
    /// </summary>
    public static void Write(PooledBufferWriter output, CrawlResult result, int depth, string? discoveredFrom)
    {
        using (var json = new Utf8JsonWriter((IBufferWriter<byte>)output, ResultWriter))
        {
            JsonSerializer.Serialize(json, result, ResultJson);
        }

        // {"url":…,"error":null} and {"depth":1,"discovered_from":…} → {"url":…,"error":null,"depth":1,"discovered_from":…}
        var closingBrace = output.WrittenCount - 1;
        output.Truncate(closingBrace);
        using (var json = new Utf8JsonWriter((IBufferWriter<byte>)output))
        {
            JsonSerializer.Serialize(json, new JobResultPlacement(depth, discoveredFrom), JobResultJsonContext.Default.JobResultPlacement);
        }

        output.Written[closingBrace] = (byte)',';
    }

    /// <summary>The result as an array of its own (for a webhook's body, which outlives the page's buffers).</summary>
    public static byte[] Encode(CrawlResult result, int depth, string? discoveredFrom)
    {
        using var output = new PooledBufferWriter();
        Write(output, result, depth, discoveredFrom);
        return output.Written.ToArray();
    }
}

/// <summary>Where in the crawl a result was found.</summary>
public sealed record JobResultPlacement(int Depth, string? DiscoveredFrom);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JobResultPlacement))]
internal sealed partial class JobResultJsonContext : JsonSerializerContext;
