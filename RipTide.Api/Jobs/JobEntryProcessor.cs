using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Sitemaps;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Api.Jobs;

/// <summary>How an entry ended: done, done as the job's last work, or refused because the job's results are over their budget.</summary>
public enum EntryEnd
{
    Done,
    CompletedJob,
    OverBudget,
}

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
    /// <summary>Does what the entry asks and acknowledges it once its effects are stored.</summary>
    public async Task<EntryEnd> ProcessAsync(ActiveJob job, ClaimedEntry claimed, CancellationToken cancellationToken)
    {
        var entry = claimed.Entry;
        if (Uri.TryCreate(entry.Url, UriKind.Absolute, out var url))
        {
            switch (entry.Kind)
            {
                case FrontierEntry.PageKind:
                    return await CrawlPageAsync(job, claimed, url, cancellationToken);
                case FrontierEntry.SiteKind:
                    var found = await sitemaps.SitemapsOfAsync(url, cancellationToken);
                    await store.EnqueueAsync(job.Keys, job.Spec.MaxPages, 1,
                        found.Select(sitemap => (new FrontierEntry(FrontierEntry.SitemapKind, sitemap.AbsoluteUri, entry.Depth, entry.Url), FrontierEntry.TaskScore, FrontierEntry.TaskReason)));
                    break;
                case FrontierEntry.SitemapKind:
                    await ReadSitemapAsync(job, entry, url, cancellationToken);
                    break;
            }
        }

        return await store.AcknowledgeAsync(job.Keys, job.Record.Caller, claimed.StreamId) ? EntryEnd.CompletedJob : EntryEnd.Done;
    }

    private async Task<EntryEnd> CrawlPageAsync(ActiveJob job, ClaimedEntry claimed, Uri url, CancellationToken cancellationToken)
    {
        var entry = claimed.Entry;
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
        var resultOutcome = result.Error is null ? "ok" : "failed";
        long knownDuplicates = 0;
        if (job.Spec.Spider is { } spider)
        {
            var links = result is StoredDocumentResult stored && result.Error is null
                ? PageLinks.From(stored.DocumentJson, options.Value.MaxLinksPerPage)
                : PageLinks.Empty;
            if (!await store.ClaimAliasesAsync(job.Keys, entry.Url, Aliases(spider, url, result.FinalUrl, links.Canonical)))
            {
                resultOutcome = DuplicateOutcome;
            }
            else if (spider.Sitemap != SitemapModes.Only && links.Links.Count > 0)
            {
                knownDuplicates = await AdmitAsync(job, spider, entry, links.Links, cancellationToken);
            }
        }

        using var json = new PooledBufferWriter();
        JobResultJson.Write(json, result, entry.Depth, entry.From);
        var (delivered, completed) = await store.DeliverAndAcknowledgeAsync(job.Keys, job.Record.Caller, claimed.StreamId, entry.Url, json.WrittenMemory, resultOutcome, knownDuplicates);
        if (delivered == DeliverOutcome.OverBudget)
        {
            return EntryEnd.OverBudget;
        }

        if (delivered == DeliverOutcome.Stored && job.Spec.Webhook is { } hook)
        {
            await webhooks.EnqueueAsync(WebhookEvent.Page(job.Id, hook, time.GetUtcNow(), json.Written.ToArray()));
        }

        return completed ? EntryEnd.CompletedJob : EntryEnd.Done;
    }

    private const string DuplicateOutcome = "duplicate";

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

    /// <summary>Admits a page's links; answers how many it recognised as seen without asking Redis and did not count yet.</summary>
    private async Task<long> AdmitAsync(ActiveJob job, SpiderSpec spider, FrontierEntry from, IEnumerable<(string Url, string Text)> links, CancellationToken cancellationToken)
    {
        var depth = from.Depth + 1;
        var candidates = new List<(FrontierEntry, double, string)>();
        var linked = new List<(string Link, string Key, bool TooDeep)>();
        var onPage = new HashSet<string>(StringComparer.Ordinal);
        long known = 0;
        foreach (var (link, text) in links)
        {
            if (job.Known.Contains(link))
            {
                known++;
                continue;
            }

            if (!UrlNormalizer.TryNormalize(link, limits.Value.MaxUrlLength, out var normalized, out _))
            {
                continue;
            }

            var url = spider.Rules.Canonicalize(normalized);
            var key = url.AbsoluteUri;
            if (!onPage.Add(key))
            {
                continue;
            }

            if (job.Known.Contains(key))
            {
                known++;
                job.Known.Add(link);
                continue;
            }

            var reason = spider.Rules.SkipReason(url, depth) ?? await RobotsReasonAsync(job, url, cancellationToken) ?? string.Empty;
            candidates.Add((new FrontierEntry(FrontierEntry.PageKind, key, depth, from.Url), spider.Priority.BaseScore(url, text, depth), reason));
            linked.Add((link, key, reason == SkipReasons.Depth));
        }

        if (candidates.Count == 0)
        {
            // Nothing new: the count goes with the page's result, in the same round trip.
            return known;
        }

        await store.EnqueueAsync(job.Keys, job.Spec.MaxPages, spider.Priority.SequenceDirection, candidates, known);

        // Now in the job's seen set, for good; those found too deep are not (a shorter path may still admit them).
        foreach (var (link, key, tooDeep) in linked)
        {
            if (!tooDeep)
            {
                job.Known.Add(key);
                job.Known.Add(link);
            }
        }

        return 0;
    }

    private async Task ReadSitemapAsync(ActiveJob job, FrontierEntry entry, Uri url, CancellationToken cancellationToken)
    {
        if (job.Spec.Spider is not { } spider)
        {
            return;
        }

        if (await store.IncrementAsync(job.Keys, "sitemap_files") > options.Value.MaxSitemapFiles)
        {
            return;
        }

        var document = await sitemaps.ReadAsync(url, cancellationToken);
        var candidates = new List<(FrontierEntry, double, string)>();
        foreach (var child in document.Sitemaps)
        {
            if (UrlNormalizer.TryNormalize(child, limits.Value.MaxUrlLength, out var sitemap, out _))
            {
                candidates.Add((new FrontierEntry(FrontierEntry.SitemapKind, sitemap.AbsoluteUri, entry.Depth, entry.Url), FrontierEntry.TaskScore, FrontierEntry.TaskReason));
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
