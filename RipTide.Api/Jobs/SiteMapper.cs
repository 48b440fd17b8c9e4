using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Sitemaps;
using RipTide.Api.Jobs.Spider;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.ServiceDefaults.Time;

namespace RipTide.Api.Jobs;

/// <summary>
/// POST /map: a site's URLs, fast: from its sitemaps (robots.txt's Sitemap lines or /sitemap.xml, indexes
/// followed up to <see cref="JobOptions.MaxSitemapFiles"/>) and the links of its start page (fetched through
/// the usual pipeline with metadata extraction only), kept to the site (its subdomains when asked), without
/// what robots.txt disallows, filtered by <c>search</c> and cut at <c>limit</c>.
/// </summary>
public sealed class SiteMapper(
    SitemapReader sitemaps,
    UrlCrawler crawler,
    CrawlRequestValidator crawlValidator,
    RobotsCache robots,
    SuffixListSource suffixes,
    IOptions<JobOptions> options,
    IOptions<CrawlLimitsOptions> limits,
    TimeProvider time)
{
    public bool TryPlan(MapRequest request, out MapPlan plan, out string problem)
    {
        plan = default;
        var o = options.Value;
        if (!UrlNormalizer.TryNormalize(request.Url, limits.Value.MaxUrlLength, out var url, out var urlProblem))
        {
            problem = $"url {urlProblem}.";
            return false;
        }

        problem = request switch
        {
            { Limit: { } l } when l < 1 || l > o.MaxMapLinks => $"limit must be between 1 and {o.MaxMapLinks}.",
            { Sitemap: { } s } when !SitemapModes.All.Contains(s) => $"sitemap '{s}' is not one of {string.Join(", ", SitemapModes.All)}.",
            { Search.Length: > 200 } => "search must be at most 200 characters.",
            { IncludeSubdomains: true } when suffixes.List is null => $"include_subdomains needs the Public Suffix List, which this server does not have ({suffixes.Path}).",
            _ => string.Empty,
        };
        if (problem.Length > 0)
        {
            return false;
        }

        var scope = request.IncludeSubdomains == true ? SpiderScopes.SameDomain : SpiderScopes.SameHost;
        var rules = new SpiderRules(scope, [url], PathPatterns.None, PathPatterns.None, maxDepth: 1, ignoreQueryParams: false, suffixes.List);
        plan = new MapPlan(url, rules, request.Limit ?? Math.Min(1000, o.MaxMapLinks), request.Sitemap ?? SitemapModes.Include, string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim());
        return true;
    }

    public async Task<MapResponse> MapAsync(MapPlan plan, CancellationToken cancellationToken)
    {
        using var deadline = new LinkedDeadline(TimeSpan.FromMilliseconds(limits.Value.DefaultTimeoutMs), time, cancellationToken);
        var found = new List<Uri>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fromSitemaps = 0;
        var fromPage = 0;
        try
        {
            if (plan.Sitemap != SitemapModes.Skip)
            {
                fromSitemaps = await FromSitemapsAsync(plan, found, seen, deadline.Token);
            }

            if (plan.Sitemap != SitemapModes.Only)
            {
                fromPage = await FromPageAsync(plan, found, seen, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline passed: what was found so far is the answer.
        }

        var links = new List<string>();
        foreach (var url in Ranked(found, plan.Search))
        {
            if (links.Count == plan.Limit)
            {
                break;
            }

            if ((await robots.CheckAsync(url, cancellationToken)).Error?.Type != CrawlErrorTypes.RobotsDisallowed)
            {
                links.Add(url.AbsoluteUri);
            }
        }

        return new MapResponse(plan.Url.AbsoluteUri, links, new MapSources(fromSitemaps, fromPage));
    }

    /// <summary>With a search term, only the URLs that contain it, those with it in the path's last segment first; else discovery order.</summary>
    private static IEnumerable<Uri> Ranked(List<Uri> found, string? search) =>
        search is null ? found
        : found.Where(url => Uri.UnescapeDataString(url.AbsoluteUri).Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(url => Uri.UnescapeDataString(url.Segments[^1]).Contains(search, StringComparison.OrdinalIgnoreCase) ? 0 : 1);

    private async Task<int> FromSitemapsAsync(MapPlan plan, List<Uri> found, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var queue = new Queue<Uri>(await sitemaps.SitemapsOfAsync(plan.Url, cancellationToken));
        var read = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;
        while (queue.Count > 0 && read.Count < options.Value.MaxSitemapFiles && found.Count < options.Value.MaxMapLinks * 4)
        {
            var sitemap = queue.Dequeue();
            if (!read.Add(sitemap.AbsoluteUri))
            {
                continue;
            }

            var document = await sitemaps.ReadAsync(sitemap, cancellationToken);
            foreach (var child in document.Sitemaps)
            {
                if (UrlNormalizer.TryNormalize(child, limits.Value.MaxUrlLength, out var childUrl, out _))
                {
                    queue.Enqueue(childUrl);
                }
            }

            added += Add(plan, document.Pages, found, seen);
        }

        return added;
    }

    private async Task<int> FromPageAsync(MapPlan plan, List<Uri> found, HashSet<string> seen, CancellationToken cancellationToken)
    {
        if (!crawlValidator.TryValidateOptions(new CrawlOptions(Extraction: ExtractionModes.Metadata, CacheMode: "bypass"), out var crawlPlan, out _))
        {
            return 0;
        }

        var outcome = await crawler.CrawlAsync(new CrawlTarget(plan.Url.AbsoluteUri, plan.Url), crawlPlan, new CacheLookup(null, Available: false), cancellationToken);
        if (outcome.Result is not StoredDocumentResult { Error: null } page)
        {
            return 0;
        }

        var links = PageLinks.From(page.DocumentJson, options.Value.MaxLinksPerPage);
        return Add(plan, [plan.Url.AbsoluteUri, .. links.Links.Select(link => link.Url)], found, seen);
    }

    private int Add(MapPlan plan, IEnumerable<string> candidates, List<Uri> found, HashSet<string> seen)
    {
        var added = 0;
        foreach (var candidate in candidates)
        {
            if (UrlNormalizer.TryNormalize(candidate, limits.Value.MaxUrlLength, out var url, out _)
                && plan.Rules.InScope(url)
                && plan.Rules.Canonicalize(url) is var canonical
                && seen.Add(canonical.AbsoluteUri))
            {
                found.Add(canonical);
                added++;
            }
        }

        return added;
    }
}

/// <summary>A validated POST /map.</summary>
public readonly record struct MapPlan(Uri Url, SpiderRules Rules, int Limit, string Sitemap, string? Search);
