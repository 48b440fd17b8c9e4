using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Options;

namespace RipTide.Api.Crawling;

/// <summary>
/// Runs a crawl plan: one pipelined cache read for every URL, then the URLs with the request's
/// concurrency, each result handed to <c>onResult</c> as it completes (awaited, so a slow consumer slows
/// the crawl rather than piling results up), cache writes batched.
/// </summary>
public sealed class CrawlRunner(UrlCrawler crawler, CrawlCache cache, IOptions<CacheOptions> cacheOptions)
{
    public delegate ValueTask ResultHandler(int index, UrlCrawlOutcome outcome, CancellationToken cancellationToken);

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
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (index, token) =>
            {
                var outcome = await crawler.CrawlAsync(targets[index], plan, lookups[index], token);
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
}
