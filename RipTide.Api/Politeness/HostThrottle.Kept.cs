namespace RipTide.Api.Politeness;

/// <summary>
/// Shared leases kept for this copy's next request to a host: only when starts are not spaced, for at most
/// <see cref="KeepFor"/> after the lease was taken, never while a Retry-After holds or another request of the copy
/// seeks a lease. A kept lease stays in Redis (every copy counts it) and holds its local slot.
/// </summary>
public sealed partial class HostThrottle
{
    /// <summary>
    /// How long after it was taken a shared lease may serve this copy's next request to the host; kept leases older
    /// than this are returned within another such period. A Retry-After that another copy shared, and capacity that
    /// another copy waits for, are therefore seen within about a second.
    /// </summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(1);

    private ITimer? _sweeper;
    private volatile bool _stopped;

    /// <summary>
    /// A kept lease for this request (it holds a local slot), or null: then the request counts as seeking a lease
    /// until the caller is done, and no lease of this copy is kept meanwhile (<see cref="EndShared"/>), since the
    /// request could not take it.
    /// </summary>
    private KeptLease? TakeKeptOrSeek(HostState state, bool keepable, DateTimeOffset until)
    {
        List<KeptLease>? stale = null;
        KeptLease? kept;
        lock (state)
        {
            kept = keepable ? TakeKept(state, time.GetUtcNow(), until, ref stale) : null;
            if (kept is null)
            {
                state.Seeking++;
            }
        }

        ReturnKept(state, stale);
        return kept;
    }

    /// <summary>The newest kept lease when it may serve a request until <paramref name="until"/>; older ones go to <paramref name="stale"/>.</summary>
    private static KeptLease? TakeKept(HostState state, DateTimeOffset now, DateTimeOffset until, ref List<KeptLease>? stale)
    {
        if (state.RetryUntil > now)
        {
            return null;
        }

        while (state.Kept.Count > 0)
        {
            var kept = state.Kept[^1];
            state.Kept.RemoveAt(state.Kept.Count - 1);
            if (now - kept.Taken < KeepFor && until + LeaseMargin / 2 <= kept.Expires)
            {
                state.LastStart = now;
                state.NextStart = now;
                state.LastUsed = now;
                return kept;
            }

            (stale ??= []).Add(kept);
        }

        return null;
    }

    private HostLease SharedLease(SharedHostLimits limits, HostState state, KeptLease lease, bool keepable) =>
        new(() => EndShared(limits, state, lease, keepable));

    /// <summary>
    /// A request's end: its lease is kept for the host's next request when starts are not spaced, it is young enough,
    /// no Retry-After holds and no request of this copy is seeking a lease (it gets this one from Redis, and the slot,
    /// instead); otherwise slot and lease go back.
    /// </summary>
    private void EndShared(SharedHostLimits limits, HostState state, KeptLease lease, bool keepable)
    {
        if (keepable && !_stopped)
        {
            lock (state)
            {
                var now = time.GetUtcNow();
                if (state.Seeking == 0 && now - lease.Taken < KeepFor && state.RetryUntil <= now)
                {
                    state.Kept.Add(lease);
                    KeepSweeping();
                    return;
                }
            }
        }

        Return(limits, state, lease);
    }

    private void ReturnKept(HostState state, List<KeptLease>? leases)
    {
        if (leases is null || shared is null)
        {
            return;
        }

        foreach (var lease in leases)
        {
            Return(shared, state, lease);
        }
    }

    /// <summary>
    /// Removes a lease from Redis, then gives its local slot back. In that order: the slot lets a request of this copy
    /// that waits for it ask Redis for a lease at once, and its ask must come after the removal (one connection keeps
    /// the order), or it is told "busy" by the lease just given up and waits out a retry.
    /// </summary>
    private static void Return(SharedHostLimits limits, HostState state, KeptLease lease)
    {
        try
        {
            limits.Release(state.Host, lease.Id);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or ObjectDisposedException)
        {
            // Redis is gone (or the copy is stopping): the lease lapses on its own.
        }
        finally
        {
            state.Slots.Release();
        }
    }

    /// <summary>Returns kept leases once they are too old to serve, every <see cref="KeepFor"/>, from the first one kept.</summary>
    private void KeepSweeping()
    {
        if (Volatile.Read(ref _sweeper) is null)
        {
            var timer = time.CreateTimer(_ => Sweep(all: false), null, KeepFor, KeepFor);
            if (Interlocked.CompareExchange(ref _sweeper, timer, null) is not null)
            {
                timer.Dispose();
            }
        }
    }

    private void Sweep(bool all)
    {
        var now = time.GetUtcNow();
        foreach (var state in _hosts.Values)
        {
            List<KeptLease>? stale = null;
            lock (state)
            {
                for (var i = state.Kept.Count - 1; i >= 0; i--)
                {
                    if (all || now - state.Kept[i].Taken >= KeepFor)
                    {
                        (stale ??= []).Add(state.Kept[i]);
                        state.Kept.RemoveAt(i);
                    }
                }
            }

            ReturnKept(state, stale);
        }
    }

    /// <summary>Stops keeping leases and returns the kept ones (the copy is stopping).</summary>
    public void Dispose()
    {
        _stopped = true;
        Interlocked.Exchange(ref _sweeper, null)?.Dispose();
        Sweep(all: true);
    }
}

/// <summary>A shared lease's id, when this copy took it, and when Redis lets it lapse (by this copy's clock).</summary>
internal sealed record KeptLease(string Id, DateTimeOffset Taken, DateTimeOffset Expires);
