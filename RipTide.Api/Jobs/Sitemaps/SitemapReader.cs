using Microsoft.Extensions.Options;
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
    RobotsCache robots,
    IOptions<JobOptions> options,
    IOptions<PolitenessOptions> politeness,
    TimeProvider time)
{
    /// <summary>
    /// The sitemaps a host declares in robots.txt, or its /sitemap.xml when it declares none. The robots.txt is the
    /// one <see cref="RobotsCache"/> keeps for the host's rules: the site is not asked for it a second time.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> SitemapsOfAsync(Uri site, CancellationToken cancellationToken)
    {
        var declared = await robots.DeclaredSitemapsAsync(site, cancellationToken);
        return declared.Count > 0 ? declared : [new Uri(new Uri(site.GetLeftPart(UriPartial.Authority)), "/sitemap.xml")];
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
