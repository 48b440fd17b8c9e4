using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;

namespace RipTide.Api.Caching;

/// <summary>
/// Crawls warm requests in the background, one at a time, with <c>write_only</c> caching. The queue is
/// bounded; a full queue is refused (503) rather than grown, and each queued request keeps its admission
/// under the pipeline buffer until it has run.
/// </summary>
public sealed class CacheWarmer(IServiceScopeFactory scopes, IOptions<CacheOptions> options, ILogger<CacheWarmer> logger) : BackgroundService
{
    private readonly Channel<AdmittedCrawl> _queue = Channel.CreateBounded<AdmittedCrawl>(
        new BoundedChannelOptions(options.Value.MaxQueuedWarmRequests) { SingleReader = true });

    public int QueuedRequests => _queue.Reader.Count;

    public bool TryEnqueue(AdmittedCrawl crawl) =>
        _queue.Writer.TryWrite(crawl with { Plan = crawl.Plan with { CacheMode = CacheMode.WriteOnly, Warming = true } });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var crawl in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            using (crawl)
            {
                await RunAsync(crawl.Plan, stoppingToken);
            }
        }
    }

    /// <summary>Runs one warming plan now; used by the queue and by the re-warm job.</summary>
    public async Task RunAsync(CrawlPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var outcomes = await scope.ServiceProvider.GetRequiredService<CrawlRunner>().RunAsync(plan, onResult: null, cancellationToken);
            ApiLog.CacheWarmed(logger, outcomes.Count(o => o.Result.Error is null), outcomes.Length);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A warming failure must never stop the worker: the next request may well succeed.
            ApiLog.CacheWarmingFailed(logger, ex);
        }
    }
}
