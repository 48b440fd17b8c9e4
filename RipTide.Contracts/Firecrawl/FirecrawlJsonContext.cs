using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RipTide.Contracts.Firecrawl;

/// <summary>
/// Firecrawl's wire: camelCase, absent members left out (its SDKs test for presence), duplicates refused as in
/// the native contract.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(FirecrawlScrapeRequest))]
[JsonSerializable(typeof(FirecrawlBatchRequest))]
[JsonSerializable(typeof(FirecrawlCrawlRequest))]
[JsonSerializable(typeof(FirecrawlMapRequest))]
[JsonSerializable(typeof(FirecrawlScrapeResponse))]
[JsonSerializable(typeof(FirecrawlJobStarted))]
[JsonSerializable(typeof(FirecrawlJobStatus))]
[JsonSerializable(typeof(FirecrawlCancelled))]
[JsonSerializable(typeof(FirecrawlJobErrors))]
[JsonSerializable(typeof(FirecrawlActiveCrawls))]
[JsonSerializable(typeof(FirecrawlMapResponse))]
[JsonSerializable(typeof(FirecrawlError))]
[JsonSerializable(typeof(string[]))]
public sealed partial class FirecrawlJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to write with: as <see cref="JsonSerializerContext"/>'s default, but without escaping every
    /// '&lt;', '&gt;' and '&amp;' as \u003C (the answers are JSON, never embedded in HTML, and carry whole pages).
    /// </summary>
    public static FirecrawlJsonContext Wire => Relaxed.Context;

    /// <summary>Created on first use: a static initialiser of this partial class could run before the generated <c>Default</c>'s.</summary>
    private static class Relaxed
    {
        public static readonly FirecrawlJsonContext Context = new(
            new JsonSerializerOptions(Default.GeneratedSerializerOptions ?? throw new InvalidOperationException("The source generator sets the options."))
            {
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
    }
}
