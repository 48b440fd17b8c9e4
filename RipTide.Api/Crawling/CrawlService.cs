using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>POST /crawl: runs a plan and answers with every result in request order.</summary>
public sealed class CrawlService(CrawlRunner runner, TimeProvider time)
{
    public async Task<CrawlResponse> CrawlAsync(CrawlPlan plan, string requestId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcomes = await runner.RunAsync(plan, onResult: null, cancellationToken);
        var results = outcomes.Select(o => o.Result).ToList();
        var statistics = CrawlStatisticsCalculator.Calculate(outcomes, time.GetElapsedTime(started).TotalMilliseconds, runner.ConcurrencyOf(plan));
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
