using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>Runs a crawl plan with bounded concurrency and answers in request order.</summary>
public sealed class CrawlService(UrlCrawler crawler, TimeProvider time)
{
    public async Task<CrawlResponse> CrawlAsync(CrawlPlan plan, string requestId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcomes = new UrlCrawlOutcome[plan.Targets.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = plan.Concurrency, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Targets.Count), parallel, async (index, token) =>
            outcomes[index] = await crawler.CrawlAsync(plan.Targets[index], plan, token));

        var results = outcomes.Select(o => o.Result).ToList();
        var statistics = CrawlStatisticsCalculator.Calculate(
            outcomes, time.GetElapsedTime(started).TotalMilliseconds);
        var successful = results.Count(r => r.Error is null);
        return new CrawlResponse(
            requestId,
            TotalUrls: results.Count,
            Successful: successful,
            Failed: results.Count - successful,
            FromCache: results.Count(r => r.FromCache),
            results,
            statistics);
    }
}
