using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>Batch statistics of the contract, computed from the per-URL outcomes.</summary>
public static class CrawlStatisticsCalculator
{
    public static CrawlStatistics Calculate(IReadOnlyList<UrlCrawlOutcome> outcomes, double totalMs, CrawlConcurrency? concurrency = null)
    {
        var times = outcomes.Select(o => o.Result.ProcessingTimeMs).Order().ToArray();
        var gateDecisions = new Dictionary<string, int>
        {
            [GateDecisions.Raw] = 0,
            [GateDecisions.ProbesFirst] = 0,
            [GateDecisions.Headless] = 0,
            [GateDecisions.Cached] = 0,
            [GateDecisions.Skipped] = 0,
        };
        foreach (var outcome in outcomes)
        {
            gateDecisions[outcome.Result.GateDecision] = gateDecisions.GetValueOrDefault(outcome.Result.GateDecision) + 1;
        }

        return new CrawlStatistics(
            TotalProcessingTimeMs: Math.Round(totalMs, 3),
            AvgProcessingTimeMs: times.Length == 0 ? 0 : Math.Round(times.Average(), 3),
            P95ProcessingTimeMs: Math.Round(Percentile(times, 0.95), 3),
            CacheHitRate: outcomes.Count == 0 ? 0 : Math.Round(outcomes.Count(o => o.Result.FromCache) / (double)outcomes.Count, 4),
            gateDecisions,
            BytesFetched: outcomes.Sum(o => o.BytesFetched),
            concurrency,
            Renders(outcomes));
    }

    private static CrawlRenderStatistics Renders(IReadOnlyList<UrlCrawlOutcome> outcomes)
    {
        var headless = outcomes.Where(o => o.Result.RenderPath == RenderPaths.Headless).Select(o => o.Result).ToList();
        return new CrawlRenderStatistics(
            Rendered: headless.Count(r => r.Render is not null),
            Escalated: headless.Count(r => r.Render?.Reason == RenderReasons.PoorQuality),
            Failed: headless.Count(r => r.Render is null),
            RenderTimeMs: Math.Round(headless.Sum(r => r.Render?.RenderMs ?? 0), 1));
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double quantile)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
