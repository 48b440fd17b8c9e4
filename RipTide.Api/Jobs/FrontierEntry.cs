using System.Text.Json;
using System.Text.Json.Serialization;

namespace RipTide.Api.Jobs;

/// <summary>
/// One unit of a job's work in the frontier: a page to crawl, or a sitemap to read (found in robots.txt, at
/// /sitemap.xml, or in a sitemap index). Sitemaps are frontier entries too, so that reading them is claimed,
/// reclaimed after a crash, and finished before the job can complete, like any page.
/// </summary>
public sealed record FrontierEntry(
    [property: JsonPropertyName("k")] string Kind,
    [property: JsonPropertyName("u")] string Url,
    [property: JsonPropertyName("d")] int Depth,
    [property: JsonPropertyName("f")] string? From)
{
    public const string PageKind = "page";

    /// <summary>Discover a host's sitemaps: its robots.txt Sitemap lines, else /sitemap.xml.</summary>
    public const string SiteKind = "site";

    /// <summary>Read one sitemap file (or index).</summary>
    public const string SitemapKind = "sitemap";

    /// <summary>The admission reason of a task: it enters the frontier without counting against the page budget.</summary>
    public const string TaskReason = "task";

    /// <summary>Tasks go before every page, whatever the strategy: they only add to the frontier.</summary>
    public const double TaskScore = -1e15;

    public bool IsPage => Kind == PageKind;

    /// <summary>The key under which the frontier deduplicates it: pages by URL, tasks by kind and URL.</summary>
    public string DedupeKey => IsPage ? Url : $"{Kind}:{Url}";

    public string ToJson() => JsonSerializer.Serialize(this, FrontierJsonContext.Default.FrontierEntry);

    public static FrontierEntry? TryParse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, FrontierJsonContext.Default.FrontierEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(FrontierEntry))]
internal sealed partial class FrontierJsonContext : JsonSerializerContext;
