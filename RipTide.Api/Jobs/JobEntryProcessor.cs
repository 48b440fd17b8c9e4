using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Sitemaps;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs;

/// <summary>
/// Does what one claimed frontier entry asks: crawls a page through the same pipeline as POST /crawl (cache,
/// robots and politeness, fetch, gate, extraction), admits the links a spider follows, and stores the result
/// once; or finds and reads a site's sitemaps. Called again for the same entry after a crash, it changes
/// nothing twice: admission, alias claims and result writes are idempotent.
/// </summary>
public sealed class JobEntryProcessor(
    UrlCrawler crawler,
    CrawlCache cache,
    SitemapReader sitemaps,
    RobotsCache robots,
    JobStore store,
    WebhookSender webhooks,
    IOptions<JobOptions> options,
    IOptions<CrawlLimitsOptions> limits,
    TimeProvider time)
{
    /// <summary>Sitemap tasks go before every page, whatever the strategy: they only add to the frontier.</summary>
    private const double TaskScore = -1e15;

    /// <summary>Processes the entry; false when the job must end as failed (its results outgrew their budget).</summary>
    public async Task<bool> ProcessAsync(ActiveJob job, FrontierEntry entry, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var url))
        {
            return true;
        }

        switch (entry.Kind)
        {
            case FrontierEntry.PageKind:
                return await CrawlPageAsync(job, entry, url, cancellationToken);
            case FrontierEntry.SiteKind:
                var found = await sitemaps.SitemapsOfAsync(url, cancellationToken);
                await store.EnqueueAsync(job.Keys, job.Spec.MaxPages, 1,
                    found.Select(sitemap => (new FrontierEntry(FrontierEntry.SitemapKind, sitemap.AbsoluteUri, entry.Depth, entry.Url), TaskScore, "task")));
                return true;
            case FrontierEntry.SitemapKind:
                await ReadSitemapAsync(job, entry, url, cancellationToken);
                return true;
            default:
                return true;
        }
    }

    private async Task<bool> CrawlPageAsync(ActiveJob job, FrontierEntry entry, Uri url, CancellationToken cancellationToken)
    {
        var plan = job.Spec.Plan;
        var target = new CrawlTarget(entry.Url, url);
        var lookup = plan.CacheMode.Reads()
            ? (await cache.GetManyAsync([crawler.KeyFor(target, plan)], [entry.Url], warming: false, cancellationToken))[0]
            : new CacheLookup(null, cache.IsAvailable);
        var outcome = await crawler.CrawlAsync(target, plan, lookup, cancellationToken);
        if (outcome.Write is { } write)
        {
            await cache.SetManyAsync([write], cancellationToken);
        }

        var result = outcome.Result;
        if (job.Spec.Spider is { } spider)
        {
            var links = result is StoredDocumentResult stored && result.Error is null
                ? PageLinks.From(stored.DocumentJson, options.Value.MaxLinksPerPage)
                : PageLinks.Empty;
            if (!await store.ClaimAliasesAsync(job.Keys, entry.Url, Aliases(spider, url, result.FinalUrl, links.Canonical)))
            {
                return await DeliverAsync(job, entry, result, DuplicateOutcome, cancellationToken);
            }

            if (spider.Sitemap != SitemapModes.Only && links.Links.Count > 0)
            {
                await AdmitAsync(job, spider, entry, links.Links, cancellationToken);
            }
        }

        return await DeliverAsync(job, entry, result, result.Error is null ? "ok" : "failed", cancellationToken);
    }

    private const string DuplicateOutcome = "duplicate";

    private async Task<bool> DeliverAsync(ActiveJob job, FrontierEntry entry, CrawlResult result, string outcome, CancellationToken cancellationToken)
    {
        var json = JobResultJson.Encode(result, entry.Depth, entry.From);
        switch (await store.DeliverAsync(job.Keys, entry.Url, json, outcome))
        {
            case DeliverOutcome.OverBudget:
                return false;
            case DeliverOutcome.Stored when job.Spec.Webhook is { } hook:
                await webhooks.EnqueueAsync(WebhookEvent.Page(job.Id, hook, time.GetUtcNow(), json), cancellationToken);
                break;
        }

        return true;
    }

    /// <summary>The page's other names: where its redirects ended, and its canonical URL when that is on a followed site.</summary>
    private List<string> Aliases(SpiderSpec spider, Uri url, string? finalUrl, string? canonical)
    {
        var own = spider.Rules.Canonicalize(url).AbsoluteUri;
        var aliases = new List<string>();
        foreach (var name in new[] { finalUrl, canonical })
        {
            if (UrlNormalizer.TryNormalize(name, limits.Value.MaxUrlLength, out var normalized, out _)
                && spider.Rules.InScope(normalized)
                && spider.Rules.Canonicalize(normalized).AbsoluteUri is var alias
                && alias != own && !aliases.Contains(alias))
            {
                aliases.Add(alias);
            }
        }

        return aliases;
    }

    private async Task AdmitAsync(ActiveJob job, SpiderSpec spider, FrontierEntry from, IEnumerable<(string Url, string Text)> links, CancellationToken cancellationToken)
    {
        var depth = from.Depth + 1;
        var candidates = new List<(FrontierEntry, double, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (link, text) in links)
        {
            if (!UrlNormalizer.TryNormalize(link, limits.Value.MaxUrlLength, out var normalized, out _))
            {
                continue;
            }

            var url = spider.Rules.Canonicalize(normalized);
            if (!seen.Add(url.AbsoluteUri))
            {
                continue;
            }

            var reason = spider.Rules.SkipReason(url, depth) ?? await RobotsReasonAsync(job, url, cancellationToken) ?? string.Empty;
            candidates.Add((new FrontierEntry(FrontierEntry.PageKind, url.AbsoluteUri, depth, from.Url), spider.Priority.BaseScore(url, text, depth), reason));
        }

        await store.EnqueueAsync(job.Keys, job.Spec.MaxPages, spider.Priority.SequenceDirection, candidates);
    }

    private async Task ReadSitemapAsync(ActiveJob job, FrontierEntry entry, Uri url, CancellationToken cancellationToken)
    {
        if (job.Spec.Spider is not { } spider)
        {
            return;
        }

        var (counts, _, _) = await store.ReadCountsAsync(job.Keys);
        if (counts.GetValueOrDefault("sitemap_files") >= options.Value.MaxSitemapFiles)
        {
            return;
        }

        await store.IncrementAsync(job.Keys, "sitemap_files");
        var document = await sitemaps.ReadAsync(url, cancellationToken);
        var candidates = new List<(FrontierEntry, double, string)>();
        foreach (var child in document.Sitemaps)
        {
            if (UrlNormalizer.TryNormalize(child, limits.Value.MaxUrlLength, out var sitemap, out _))
            {
                candidates.Add((new FrontierEntry(FrontierEntry.SitemapKind, sitemap.AbsoluteUri, entry.Depth, entry.Url), TaskScore, "task"));
            }
        }

        foreach (var page in document.Pages)
        {
            if (!UrlNormalizer.TryNormalize(page, limits.Value.MaxUrlLength, out var normalized, out _))
            {
                continue;
            }

            var pageUrl = spider.Rules.Canonicalize(normalized);
            var reason = spider.Rules.SkipReason(pageUrl, entry.Depth) ?? await RobotsReasonAsync(job, pageUrl, cancellationToken) ?? string.Empty;
            candidates.Add((new FrontierEntry(FrontierEntry.PageKind, pageUrl.AbsoluteUri, entry.Depth, entry.Url), spider.Priority.BaseScore(pageUrl, null, entry.Depth), reason));
        }

        await store.EnqueueAsync(job.Keys, job.Spec.MaxPages, spider.Priority.SequenceDirection, candidates);
    }

    /// <summary>"robots" when the job respects robots.txt and it disallows the URL; a robots.txt that cannot be read is left to the fetch to report.</summary>
    private async Task<string?> RobotsReasonAsync(ActiveJob job, Uri url, CancellationToken cancellationToken)
    {
        if (!job.Spec.Plan.RespectRobots)
        {
            return null;
        }

        var verdict = await robots.CheckAsync(url, cancellationToken);
        return verdict.Error?.Type == CrawlErrorTypes.RobotsDisallowed && !verdict.Error.Retryable ? SkipReasons.Robots : null;
    }
}
