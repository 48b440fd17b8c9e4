using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>
/// Runs a crawl plan: one pipelined cache read for every URL, then the URLs with the request's
/// concurrency, each result handed to <c>onResult</c> as it completes (awaited, so a slow consumer slows
/// the crawl rather than piling results up), cache writes batched.
/// </summary>
public sealed class CrawlRunner(UrlCrawler crawler, CrawlCache cache, IOptions<CacheOptions> cacheOptions, CrawlRequestValidator validator)
{
    private int _inFlight;
    private int _peakInFlight;

    public delegate ValueTask ResultHandler(int index, UrlCrawlOutcome outcome, CancellationToken cancellationToken);

    /// <summary>After a run: the concurrency it asked for and what it got (one runner per request: it is transient).</summary>
    public CrawlConcurrency ConcurrencyOf(CrawlPlan plan)
    {
        var perHost = Math.Min(plan.PerHostConcurrency, validator.ServerPerHostConcurrency);
        var hosts = plan.Targets.Select(target => $"{target.Url.IdnHost}:{target.Url.Port}").Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var effective = (int)Math.Min(Math.Min(plan.Concurrency, plan.Targets.Count), (long)hosts * perHost);
        return new CrawlConcurrency(plan.Concurrency, perHost, hosts, effective, Volatile.Read(ref _peakInFlight));
    }

    public async Task<UrlCrawlOutcome[]> RunAsync(CrawlPlan plan, ResultHandler? onResult, CancellationToken cancellationToken)
    {
        var targets = plan.Targets;
        CacheLookup[] lookups;
        if (plan.CacheMode.Reads())
        {
            var keys = targets.Select(target => crawler.KeyFor(target, plan)).ToList();
            lookups = await cache.GetManyAsync(keys, [.. targets.Select(target => target.Url.AbsoluteUri)], plan.Warming, cancellationToken);
        }
        else
        {
            lookups = new CacheLookup[targets.Count];
            Array.Fill(lookups, new CacheLookup(null, cache.IsAvailable));
        }

        var outcomes = new UrlCrawlOutcome[targets.Count];
        var writes = new CacheWriteBuffer(cache, Math.Clamp(plan.Concurrency, 1, cacheOptions.Value.BatchSize));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = plan.Concurrency, CancellationToken = cancellationToken };
        var perHost = new PerHostGate(plan.PerHostConcurrency, validator.ServerPerHostConcurrency);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (index, token) =>
            {
                UrlCrawlOutcome outcome;
                using (await perHost.EnterAsync(targets[index].Url, paced: false, token))
                {
                    var inFlight = Interlocked.Increment(ref _inFlight);
                    InterlockedMax(ref _peakInFlight, inFlight);
                    try
                    {
                        outcome = await crawler.CrawlAsync(targets[index], plan, lookups[index], token);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _inFlight);
                    }
                }

                outcomes[index] = outcome;
                if (outcome.Write is { } write)
                {
                    await writes.AddAsync(write, token);
                }

                if (onResult is not null)
                {
                    await onResult(index, outcome, token);
                }
            });
        }
        finally
        {
            await writes.FlushAsync();
        }

        return outcomes;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
