namespace RipTide.Api.Caching;

/// <summary>
/// Collects one crawl request's cache writes and sends them in pipelined batches: when
/// <paramref name="flushAt"/> are pending, and at the end of the request, so that a 100-URL crawl costs a
/// handful of round trips instead of a hundred.
/// </summary>
public sealed class CacheWriteBuffer(CrawlCache cache, int flushAt)
{
    /// <summary>How long the final flush may take after the client has gone: results already made are kept.</summary>
    private static readonly TimeSpan FinalFlushBudget = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private List<CacheWrite> _pending = [];

    public async Task AddAsync(CacheWrite write, CancellationToken cancellationToken)
    {
        List<CacheWrite>? full = null;
        lock (_lock)
        {
            _pending.Add(write);
            if (_pending.Count >= flushAt)
            {
                full = _pending;
                _pending = [];
            }
        }

        if (full is not null)
        {
            await cache.SetManyAsync(full, cancellationToken);
        }
    }

    /// <summary>Writes whatever is pending, even when the request was cancelled.</summary>
    public async Task FlushAsync()
    {
        List<CacheWrite> rest;
        lock (_lock)
        {
            rest = _pending;
            _pending = [];
        }

        using var budget = new CancellationTokenSource(FinalFlushBudget);
        try
        {
            await cache.SetManyAsync(rest, budget.Token);
        }
        catch (OperationCanceledException)
        {
            // The cache is too slow right now; these results simply stay uncached.
        }
    }
}
