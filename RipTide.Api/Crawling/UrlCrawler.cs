using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using RipTide.Api.Caching;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;

namespace RipTide.Api.Crawling;

/// <summary>The pipeline for one URL: cache lookup, fetch, extract, cache write, result.</summary>
public sealed class UrlCrawler(
    CrawlCache cache,
    PageFetcher fetcher,
    ExtractorClient extractor,
    IOptions<CrawlLimitsOptions> limits,
    ApiMetrics metrics,
    TimeProvider time,
    ILogger<UrlCrawler> logger)
{
    /// <summary>Crawls one target. Only the caller's own cancellation escapes as an exception.</summary>
    public async Task<UrlCrawlOutcome> CrawlAsync(CrawlTarget target, CrawlPlan plan, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var key = CacheKeys.ForPage(target.Url, limits.Value.ExtractorVersion);

        var lookup = plan.CacheMode.Reads() ? await cache.GetAsync(key, cancellationToken) : new CacheLookup(null, cache.IsAvailable);
        if (lookup.Page is { } cached)
        {
            return Finish(FromCache(target, cached, Elapsed(started)), bytes: 0);
        }

        var cacheStatus = plan.CacheMode switch
        {
            CacheMode.Bypass => CacheStatuses.Bypass,
            _ when !lookup.Available => CacheStatuses.Unavailable,
            CacheMode.WriteOnly => CacheStatuses.WriteOnly,
            _ => CacheStatuses.Miss,
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.Timeout);

        var fetched = await fetcher.TryFetchAsync(target.Url, plan.Timeout, cancellationToken);
        if (!fetched.Succeeded)
        {
            ApiLog.FetchFailed(logger, target.Url, fetched.Error!.Type);
            return Finish(Failed(target, fetched, cacheStatus, fetched.Error, Elapsed(started)), fetched.BytesFetched);
        }

        var finalUrl = fetched.FinalUrl ?? target.Url;
        Document document;
        try
        {
            document = await extractor.ExtractAsync(finalUrl, fetched.Html!, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(Failed(target, fetched, cacheStatus, FetchErrors.Timeout((int)plan.Timeout.TotalMilliseconds), Elapsed(started)), fetched.BytesFetched);
        }
        catch (Exception ex) when (ex is HttpRequestException or ExtractionFailedException or JsonException or ExecutionRejectedException)
        {
            ApiLog.ExtractionFailed(logger, target.Url, ex);
            var retryable = ex is not ExtractionFailedException failed || failed.Retryable;
            var error = new CrawlError(CrawlErrorTypes.ExtractionError, "The page could not be extracted.", retryable);
            return Finish(Failed(target, fetched, cacheStatus, error, Elapsed(started)), fetched.BytesFetched);
        }

        if (plan.CacheMode.Writes())
        {
            var page = new CachedPage(finalUrl.AbsoluteUri, fetched.Status, fetched.ContentType, document, time.GetUtcNow());
            await cache.SetAsync(key, page, plan.CacheTtl, cancellationToken);
        }

        var result = new CrawlResult(
            target.RequestedUrl, finalUrl.AbsoluteUri, fetched.Status, FromCache: false, cacheStatus,
            GateDecisions.Raw, document.QualityScore, Elapsed(started), fetched.ContentType, document, Error: null);
        return Finish(result, fetched.BytesFetched);
    }

    private UrlCrawlOutcome Finish(CrawlResult result, long bytes)
    {
        metrics.RecordUrl(result.Error is null, result.CacheStatus, TimeSpan.FromMilliseconds(result.ProcessingTimeMs));
        return new UrlCrawlOutcome(result, bytes);
    }

    private static CrawlResult FromCache(CrawlTarget target, CachedPage cached, double elapsedMs) =>
        new(target.RequestedUrl, cached.FinalUrl, cached.Status, FromCache: true, CacheStatuses.Hit, GateDecisions.Cached,
            cached.Document.QualityScore, elapsedMs, cached.ContentType, cached.Document, Error: null);

    private static CrawlResult Failed(CrawlTarget target, FetchOutcome fetched, string cacheStatus, CrawlError error, double elapsedMs) =>
        new(target.RequestedUrl, fetched.FinalUrl?.AbsoluteUri, fetched.Status, FromCache: false, cacheStatus, GateDecisions.Skipped,
            QualityScore: null, elapsedMs, fetched.ContentType, Document: null, error);

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}

/// <summary>A result plus what it cost on the wire.</summary>
public sealed record UrlCrawlOutcome(CrawlResult Result, long BytesFetched);
