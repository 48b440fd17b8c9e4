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

/// <summary>How an entry ended, and the entry its end claimed next for the same copy (when asked for one and one waited).</summary>
public readonly record struct EntryOutcome(EntryEnd End, ClaimedEntry? Next);

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
    /// <summary>
    /// Does what the entry asks and acknowledges it once its effects are stored. A page's end also claims the next
    /// entry for <paramref name="nextFor"/> (a consumer; null for none) in the same round trip.
    /// </summary>
    public async Task<EntryOutcome> ProcessAsync(ActiveJob job, ClaimedEntry claimed, string? nextFor, CancellationToken cancellationToken)
    {
        var entry = claimed.Entry;
        if (Uri.TryCreate(entry.Url, UriKind.Absolute, out var url))
        {
            switch (entry.Kind)
            {
                case FrontierEntry.PageKind:
                    return await CrawlPageAsync(job, claimed, url, nextFor, cancellationToken);
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

        return new EntryOutcome(await store.AcknowledgeAsync(job.Keys, job.Record.Caller, claimed.StreamId) ? EntryEnd.CompletedJob : EntryEnd.Done, null);
    }

    private async Task<EntryOutcome> CrawlPageAsync(ActiveJob job, ClaimedEntry claimed, Uri url, string? nextFor, CancellationToken cancellationToken)
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
        LinkAdmission? admission = null;
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
                (admission, knownDuplicates) = await PrepareAdmissionAsync(job, spider, entry, links.Links, cancellationToken);
                if (admission is not null && !JobStore.AdmitsWithDelivery(admission.Candidates.Count))
                {
                    // Too many for one script call: admitted ahead of the page's end, in batches.
                    await store.EnqueueAsync(job.Keys, admission.MaxPages, admission.Direction, admission.Candidates, knownDuplicates);
                    admission.Remember(job.Known);
                    (admission, knownDuplicates) = (null, 0);
                }
            }
        }

        using var json = new PooledBufferWriter();
        JobResultJson.Write(json, result, entry.Depth, entry.From);
        var end = await store.DeliverAndAcknowledgeAsync(
            job.Keys, job.Record.Caller, claimed.StreamId, entry.Url, json.WrittenMemory, resultOutcome, knownDuplicates, admission, nextFor);
        admission?.Remember(job.Known);
        if (end.Outcome == DeliverOutcome.OverBudget)
        {
            return new EntryOutcome(EntryEnd.OverBudget, null);
        }

        if (end.Outcome == DeliverOutcome.Stored && job.Spec.Webhook is { } hook)
        {
            await webhooks.EnqueueAsync(WebhookEvent.Page(job.Id, hook, time.GetUtcNow(), json.Written.ToArray()));
        }

        return new EntryOutcome(end.Completed ? EntryEnd.CompletedJob : EntryEnd.Done, end.Next);
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

    /// <summary>
    /// The page's links the job has not seen as far as this copy knows, with why each is skipped (if it is), and
    /// how many links it recognised as seen without asking Redis (only counted). No admission when nothing is new.
    /// </summary>
    private async Task<(LinkAdmission? Admission, long Known)> PrepareAdmissionAsync(
        ActiveJob job, SpiderSpec spider, FrontierEntry from, IEnumerable<(string Url, string Text)> links, CancellationToken cancellationToken)
    {
        var depth = from.Depth + 1;
        var admission = new LinkAdmission(job.Spec.MaxPages, spider.Priority.SequenceDirection);
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
            admission.Add(link, new FrontierEntry(FrontierEntry.PageKind, key, depth, from.Url), spider.Priority.BaseScore(url, text, depth), reason);
        }

        return (admission.Candidates.Count == 0 ? null : admission, known);
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
