using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Politeness;

namespace RipTide.Api.Jobs.Sitemaps;

/// <summary>
/// Finds and reads a site's sitemaps for jobs and POST /map: the <c>Sitemap:</c> lines of its robots.txt, else
/// <c>/sitemap.xml</c>; each file fetched through the SSRF guard, in the host's turn, capped in size.
/// </summary>
public sealed class SitemapReader(
    PageFetcher fetcher,
    HostThrottle throttle,
    IOptions<JobOptions> options,
    IOptions<PolitenessOptions> politeness,
    IOptions<CrawlLimitsOptions> limits,
    TimeProvider time)
{
    private const int MaxSitemapLines = 100;

    /// <summary>The sitemaps a host declares in robots.txt, or its /sitemap.xml when it declares none.</summary>
    public async Task<IReadOnlyList<Uri>> SitemapsOfAsync(Uri site, CancellationToken cancellationToken)
    {
        var origin = new Uri(site.GetLeftPart(UriPartial.Authority));
        var robots = await fetcher.TryFetchRobotsAsync(new Uri(origin, "/robots.txt"), TimeSpan.FromMilliseconds(politeness.Value.RobotsTimeoutMs), cancellationToken);
        var declared = robots.Body is { } body ? DeclaredSitemaps(body, limits.Value.MaxUrlLength) : [];
        return declared.Count > 0 ? declared : [new Uri(origin, "/sitemap.xml")];
    }

    /// <summary>The <c>Sitemap:</c> lines of a robots.txt (they apply to every user agent), as absolute http(s) URLs.</summary>
    public static IReadOnlyList<Uri> DeclaredSitemaps(string robotsTxt, int maxUrlLength)
    {
        var sitemaps = new List<Uri>();
        foreach (var line in robotsTxt.Split('\n'))
        {
            var trimmed = line.Trim();
            var colon = trimmed.IndexOf(':');
            if (colon <= 0 || !trimmed[..colon].Trim().Equals("sitemap", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = trimmed[(colon + 1)..];
            var comment = value.IndexOf('#');
            if (UrlNormalizer.TryNormalize(comment >= 0 ? value[..comment] : value, maxUrlLength, out var url, out _) && !sitemaps.Contains(url))
            {
                sitemaps.Add(url);
                if (sitemaps.Count == MaxSitemapLines)
                {
                    break;
                }
            }
        }

        return sitemaps;
    }

    /// <summary>Reads one sitemap file or index; a fetch or parse failure is the document's error, never an exception.</summary>
    public async Task<SitemapDocument> ReadAsync(Uri sitemap, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var timeout = TimeSpan.FromMilliseconds(politeness.Value.RobotsTimeoutMs);
        using var lease = await throttle.AcquireAsync(sitemap, crawlDelay: null, time.GetUtcNow() + timeout, cancellationToken);
        if (lease is null)
        {
            return new SitemapDocument([], [], "The host's pacing left no turn to read the sitemap in time.");
        }

        var fetched = await fetcher.TryFetchFileAsync(sitemap, o.MaxSitemapBytes, timeout, cancellationToken);
        return fetched.Body is { } body
            ? SitemapDocument.Parse(body, o.MaxSitemapBytes, o.MaxPagesPerJob)
            : new SitemapDocument([], [], fetched.Error?.Message ?? $"The sitemap answered {fetched.Status}.");
    }
}
