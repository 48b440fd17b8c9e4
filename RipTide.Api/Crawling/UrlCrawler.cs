using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>
/// The pipeline for one URL after its cache lookup: politeness and fetch, gate and extraction, and the
/// cache write to make. Only the caller's own cancellation escapes as an exception.
/// </summary>
public sealed class UrlCrawler(
    PoliteFetcher fetcher,
    PageProcessor processor,
    CacheTtlStrategy ttlStrategy,
    IOptions<CrawlLimitsOptions> limits,
    ApiMetrics metrics,
    RecentCrawlLog recent,
    TimeProvider time,
    ILogger<UrlCrawler> logger)
{
    public string KeyFor(CrawlTarget target, CrawlPlan plan) =>
        CacheKeys.ForPage(target.Url, plan.Output.Fingerprint(), limits.Value.ExtractorVersion);

    public async Task<UrlCrawlOutcome> CrawlAsync(CrawlTarget target, CrawlPlan plan, CacheLookup lookup, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (lookup.Page is { } cached)
        {
            return Finish(plan, FromCache(target, cached, Elapsed(started)), bytes: 0, write: null);
        }

        var cacheStatus = plan.CacheMode switch
        {
            CacheMode.Bypass => CacheStatuses.Bypass,
            _ when !lookup.Available => CacheStatuses.Unavailable,
            CacheMode.WriteOnly => CacheStatuses.WriteOnly,
            _ => CacheStatuses.Miss,
        };

        // The deadline covers politeness waits (for a job's page only up to its turn: UrlDeadline), the fetch and the extraction.
        using var deadline = new UrlDeadline(plan.Timeout, plan.HostTurnWait, time, cancellationToken);
        try
        {
            // Disposed when this URL's result is built: the page's pooled buffer goes back then.
            using var fetched = await fetcher.FetchAsync(target.Url, plan.RespectRobots, deadline, plan.Output.Headers, plan.Output.Mobile, plan.MinDelay);
            if (!fetched.TryGetBody(out var body, out var fetchError))
            {
                ApiLog.FetchFailed(logger, target.Url, fetchError.Type);
                return Finish(plan, Failed(target, fetched, cacheStatus, fetchError, Elapsed(started)), fetched.BytesFetched, write: null);
            }

            var finalUrl = fetched.FinalUrl ?? target.Url;
            var page = await processor.ProcessAsync(finalUrl, body, fetched.Status, plan.Output, deadline.At, deadline.Token);
            if (!page.TryGetDocument(out var document, out var error))
            {
                return Finish(plan, Failed(target, fetched, cacheStatus, error, Elapsed(started)) with
                {
                    GateDecision = page.GateDecision, RenderPath = page.RenderPath, GateEscalation = page.Escalation, Render = page.Render,
                }, fetched.BytesFetched, write: null);
            }

            CacheWrite? write = null;
            if (plan.CacheMode.Writes())
            {
                var ttl = plan.CacheTtlOverride ?? ttlStrategy.For(finalUrl, fetched.ContentType, fetched.MaxAge);
                var header = new CachedPageHeader(finalUrl.AbsoluteUri, fetched.Status, fetched.ContentType, time.GetUtcNow(),
                    document.QualityScore, page.GateDecision, page.Escalation);
                write = new CacheWrite(KeyFor(target, plan), header, document, ttl);
            }

            var result = new StoredDocumentResult(
                new CrawlResult(
                    target.RequestedUrl, finalUrl.AbsoluteUri, fetched.Status, FromCache: false, cacheStatus,
                    page.GateDecision, document.QualityScore, Elapsed(started), fetched.ContentType, Document: null, Error: null,
                    page.RenderPath, page.Escalation, page.Render),
                document.Utf8);
            return Finish(plan, result, fetched.BytesFetched, write);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var timeout = FetchErrors.Timeout((int)plan.Timeout.TotalMilliseconds);
            return Finish(plan, Failed(target, FetchOutcome.Failure(timeout), cacheStatus, timeout, Elapsed(started)), bytes: 0, write: null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever a page makes go wrong costs that page its result, never its neighbours theirs.
            ApiLog.UrlFailedUnexpectedly(logger, target.Url, ex);
            var failure = new CrawlError(CrawlErrorTypes.InternalError, "Crawling this URL failed unexpectedly.", Retryable: true);
            return Finish(plan, Failed(target, FetchOutcome.Failure(failure), cacheStatus, failure, Elapsed(started)), bytes: 0, write: null);
        }
    }

    private UrlCrawlOutcome Finish(CrawlPlan plan, CrawlResult result, long bytes, CacheWrite? write)
    {
        metrics.RecordUrl(result.Error?.Type, result.CacheStatus, plan.Warming, TimeSpan.FromMilliseconds(result.ProcessingTimeMs));
        if (!plan.Warming)
        {
            recent.Add(result);
        }

        return new UrlCrawlOutcome(result, bytes, write);
    }

    /// <summary>A hit carries its document as stored JSON, written into the answer as it is.</summary>
    private static StoredDocumentResult FromCache(CrawlTarget target, CachedPage cached, double elapsedMs) =>
        new(new CrawlResult(target.RequestedUrl, cached.Header.FinalUrl, cached.Header.Status, FromCache: true, CacheStatuses.Hit, GateDecisions.Cached,
            cached.Header.QualityScore, elapsedMs, cached.Header.ContentType, Document: null, Error: null,
            RenderPaths.Cache, cached.Header.GateEscalation),
            cached.DocumentJson);

    private static CrawlResult Failed(CrawlTarget target, FetchOutcome fetched, string cacheStatus, CrawlError error, double elapsedMs) =>
        new(target.RequestedUrl, fetched.FinalUrl?.AbsoluteUri, fetched.Status, FromCache: false, cacheStatus, GateDecisions.Skipped,
            QualityScore: null, elapsedMs, fetched.ContentType, Document: null, error);

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>A result, what it cost on the wire, and the cache write it asks for.</summary>
public sealed record UrlCrawlOutcome(CrawlResult Result, long BytesFetched, CacheWrite? Write = null);
