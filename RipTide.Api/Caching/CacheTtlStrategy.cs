using Microsoft.Extensions.Options;
using RipTide.Api.Options;

namespace RipTide.Api.Caching;

/// <summary>
/// Chooses how long a page stays cached: <c>aggressive</c> (documents and files), <c>conservative</c>
/// (pages that change by the minute: live, latest, feeds, or an upstream max-age of ten minutes or less),
/// <c>balanced</c> otherwise. A request's <c>cache_ttl_seconds</c> overrides the choice.
/// </summary>
public sealed class CacheTtlStrategy(IOptions<CacheOptions> options)
{
    private static readonly string[] DocumentExtensions = [".pdf", ".doc", ".docx", ".odt", ".txt", ".md", ".rtf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"];
    private static readonly string[] DocumentSegments = ["docs", "documentation", "reference", "manual", "manuals", "handbook", "spec", "specs", "papers", "wiki"];
    private static readonly string[] VolatileSegments = ["live", "latest", "breaking", "feed", "feeds", "rss", "stream", "scores", "markets", "ticker", "trending"];

    public TimeSpan For(Uri url, string? contentType, TimeSpan? upstreamMaxAge)
    {
        var o = options.Value;
        var strategy = o.Strategy == "auto" ? Classify(url, contentType, upstreamMaxAge) : o.Strategy;
        return TimeSpan.FromSeconds(strategy switch
        {
            "aggressive" => o.AggressiveTtlSeconds,
            "conservative" => o.ConservativeTtlSeconds,
            _ => o.BalancedTtlSeconds,
        });
    }

    public static string Classify(Uri url, string? contentType, TimeSpan? upstreamMaxAge)
    {
        var path = url.AbsolutePath.ToLowerInvariant();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (upstreamMaxAge is { } maxAge && maxAge <= TimeSpan.FromMinutes(10)
            || segments.Any(segment => VolatileSegments.Contains(segment)))
        {
            return "conservative";
        }

        if (DocumentExtensions.Any(path.EndsWith)
            || segments.Any(segment => DocumentSegments.Contains(segment))
            || contentType is not null && !contentType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return "aggressive";
        }

        return "balanced";
    }
}
