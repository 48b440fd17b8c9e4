using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;

namespace RipTide.Api.Caching;

/// <summary>How a warm request was received.</summary>
public enum WarmQueueing
{
    Queued,

    /// <summary>The warmer's own budget (requests or URLs queued) is spent: 503, retry later.</summary>
    Full,

    /// <summary>This caller already has its share of the queue: 429.</summary>
    CallerLimit,
}

/// <summary>
/// Crawls warm requests in the background, one at a time, with <c>write_only</c> caching and a small
/// concurrency. It has a budget of its own, apart from the admission of client crawls, so no amount of
/// warming can make a client crawl wait or be refused: at most <see cref="CacheOptions.MaxQueuedWarmRequests"/>
/// requests and <see cref="CacheOptions.MaxQueuedWarmUrls"/> URLs queued or running, and at most
/// <see cref="CacheOptions.MaxQueuedWarmRequestsPerCaller"/> requests of any one caller.
/// </summary>
public sealed class CacheWarmer(IServiceScopeFactory scopes, IOptions<CacheOptions> options, ILogger<CacheWarmer> logger) : BackgroundService
{
    private readonly Channel<QueuedWarm> _queue = Channel.CreateBounded<QueuedWarm>(
        new BoundedChannelOptions(options.Value.MaxQueuedWarmRequests) { SingleReader = true });

    private readonly Lock _budget = new();

    /// <summary>Queued or running requests per caller; a caller leaves it when its last one has run.</summary>
    private readonly Dictionary<string, int> _perCaller = new(StringComparer.Ordinal);

    private int _urls;

    public int QueuedRequests => _queue.Reader.Count;

    /// <summary>URLs queued or being warmed.</summary>
    public int QueuedUrls => Volatile.Read(ref _urls);

    public WarmQueueing TryEnqueue(CrawlPlan plan, string caller)
    {
        var limits = options.Value;
        var warm = new QueuedWarm(
            plan with { CacheMode = CacheMode.WriteOnly, Warming = true, Concurrency = Math.Min(plan.Concurrency, limits.WarmConcurrency) },
            caller);
        lock (_budget)
        {
            if (_urls > 0 && _urls + plan.Targets.Count > limits.MaxQueuedWarmUrls)
            {
                return WarmQueueing.Full;
            }

            if (_perCaller.GetValueOrDefault(caller) >= limits.MaxQueuedWarmRequestsPerCaller)
            {
                return WarmQueueing.CallerLimit;
            }

            if (!_queue.Writer.TryWrite(warm))
            {
                return WarmQueueing.Full;
            }

            _urls += plan.Targets.Count;
            _perCaller[caller] = _perCaller.GetValueOrDefault(caller) + 1;
            return WarmQueueing.Queued;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var warm in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(warm.Plan, stoppingToken);
            }
            finally
            {
                Release(warm);
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

    private void Release(QueuedWarm warm)
    {
        lock (_budget)
        {
            _urls -= warm.Plan.Targets.Count;
            var left = _perCaller.GetValueOrDefault(warm.Caller) - 1;
            if (left > 0)
            {
                _perCaller[warm.Caller] = left;
            }
            else
            {
                _perCaller.Remove(warm.Caller);
            }
        }
    }

    private sealed record QueuedWarm(CrawlPlan Plan, string Caller);
}
