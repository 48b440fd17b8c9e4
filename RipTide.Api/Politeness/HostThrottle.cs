using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;

namespace RipTide.Api.Politeness;

/// <summary>
/// Paces requests to each host across every crawl: at most <see cref="PolitenessOptions.PerHostConcurrency"/> in
/// flight, request starts spaced by the larger of the configured delay and the host's Crawl-delay, and nothing
/// before a Retry-After has passed. With Redis reachable the limits hold across every Api copy
/// (<see cref="SharedHostLimits"/>); without it, each copy keeps them on its own (this process's slots always
/// apply, so a copy never asks Redis for more than its share).
/// </summary>
/// <remarks>
/// When starts are not spaced, a shared lease that ends is kept for this copy's next request to the host for up to
/// <see cref="KeepFor"/> after it was taken, still counted in Redis and holding its local slot: a busy crawl asks
/// Redis for a lease about once a second per slot instead of once per page (HostThrottle.Kept.cs; docs/DECISIONS.md,
/// "Kept host leases").
/// </remarks>
public sealed partial class HostThrottle(IOptions<PolitenessOptions> options, TimeProvider time, SharedHostLimits? shared = null) : IDisposable
{
    /// <summary>A shared lease outlives the URL's deadline by this much, then lapses (a killed copy's included).</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan BusyRetryMax = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _hosts.Count;

    /// <summary>
    /// Waits for the host's turn. Returns null (and waits for nothing) when that turn comes after
    /// <paramref name="deadline"/>: the politeness budget of the URL is exhausted. The request holds its lease for
    /// <paramref name="hold"/> after it starts (a shared lease lapses that long plus a margin after it), by default
    /// until <paramref name="deadline"/>.
    /// </summary>
    public async Task<HostLease?> AcquireAsync(Uri url, TimeSpan? crawlDelay, DateTimeOffset deadline, CancellationToken cancellationToken, TimeSpan? hold = null)
    {
        var o = options.Value;
        var host = Key(url);
        var state = _hosts.GetOrAdd(host, static (key, concurrency) => new HostState(key, concurrency), o.PerHostConcurrency);
        Trim(o.MaxHosts);

        var spacing = Max(TimeSpan.FromMilliseconds(o.PerHostDelayMs), crawlDelay ?? TimeSpan.Zero);
        var keepable = spacing == TimeSpan.Zero && shared is { IsAvailable: true };
        if (TakeKeptOrSeek(state, keepable, hold is { } held ? time.GetUtcNow() + held : deadline) is { } kept)
        {
            // Only a keepable request takes a kept lease, and only with shared limits.
            return SharedLease(shared!, state, kept, keepable);
        }

        try
        {
            return await AcquireNewAsync(host, state, spacing, keepable, deadline, hold, cancellationToken);
        }
        finally
        {
            lock (state)
            {
                state.Seeking--;
            }
        }
    }

    /// <summary>A slot and (across copies) a new shared lease for a request that found no kept one.</summary>
    private async Task<HostLease?> AcquireNewAsync(
        string host, HostState state, TimeSpan spacing, bool keepable, DateTimeOffset deadline, TimeSpan? hold, CancellationToken cancellationToken)
    {
        var remaining = deadline - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero || !await state.Slots.WaitAsync(remaining, cancellationToken))
        {
            return null;
        }

        if (shared is { IsAvailable: true })
        {
            try
            {
                if (await AcquireSharedAsync(shared, host, state, spacing, deadline, hold, cancellationToken) is { } leaseId)
                {
                    var now = time.GetUtcNow();
                    return SharedLease(shared, state, new KeptLease(leaseId, now, (hold is { } held ? now + held : deadline) + LeaseMargin), keepable);
                }

                state.Slots.Release();
                return null;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // Redis went away mid-way: this copy paces the host on its own, as without Redis.
            }
            catch
            {
                state.Slots.Release();
                throw;
            }
        }

        // Spacing counts from the previous request's actual start, so a late wake-up (a busy machine) never
        // lets the next request follow it closer than the delay: re-check after every wait.
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (state)
                {
                    var now = time.GetUtcNow();
                    var earliest = Max(state.RetryUntil, state.LastStart + spacing);
                    if (earliest <= now)
                    {
                        state.LastStart = now;
                        state.NextStart = now + spacing;
                        state.LastUsed = now;
                        break;
                    }

                    if (earliest > deadline)
                    {
                        state.Slots.Release();
                        return null;
                    }

                    wait = earliest - now;
                }

                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch
        {
            state.Slots.Release();
            throw;
        }

        return new HostLease(() => state.Slots.Release());
    }

    /// <summary>Honours a 429/503 Retry-After: no request to the host starts before it has passed, from any copy.</summary>
    public void Defer(Uri url, TimeSpan retryAfter)
    {
        if (shared is { IsAvailable: true })
        {
            try
            {
                shared.Defer(Key(url), retryAfter);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // This copy still honours it below.
            }
        }

        var state = _hosts.GetOrAdd(Key(url), static (host, concurrency) => new HostState(host, concurrency), options.Value.PerHostConcurrency);
        List<KeptLease>? kept;
        lock (state)
        {
            var until = time.GetUtcNow() + retryAfter;
            state.RetryUntil = Max(state.RetryUntil, until);
            kept = state.Kept.Count > 0 ? [.. state.Kept] : null;
            state.Kept.Clear();
        }

        ReturnKept(state, kept);
    }

    /// <summary>
    /// Reserves the host's next start across the copies, waiting while it has its limit in flight; the lease id,
    /// or null when no start comes before <paramref name="deadline"/>.
    /// </summary>
    private async Task<string?> AcquireSharedAsync(
        SharedHostLimits limits, string host, HostState state, TimeSpan spacing, DateTimeOffset deadline, TimeSpan? hold, CancellationToken cancellationToken)
    {
        var leaseId = Guid.NewGuid().ToString("N");
        var busy = BusyRetry;
        while (true)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            // The lease's time counts from the reserved start.
            var wait = await limits.TryAcquireAsync(host, leaseId, options.Value.PerHostConcurrency, (hold ?? remaining) + LeaseMargin, spacing, remaining);
            if (wait == SharedHostLimits.TooLate)
            {
                return null;
            }

            if (wait == SharedHostLimits.Busy)
            {
                await Task.Delay(busy, time, cancellationToken);
                busy = busy * 2 > BusyRetryMax ? BusyRetryMax : busy * 2;
                continue;
            }

            try
            {
                // The turn was reserved; a busy machine may wake to it late. With spacing, the start is confirmed
                // against the host's last actual start (any copy's) and waits on while that asks for more.
                while (true)
                {
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken);
                    }

                    wait = spacing > TimeSpan.Zero ? await limits.ConfirmStartAsync(host, spacing) : 0;
                    if (wait == 0)
                    {
                        break;
                    }

                    if (time.GetUtcNow().AddMilliseconds(wait) > deadline)
                    {
                        limits.Release(host, leaseId);
                        return null;
                    }
                }
            }
            catch
            {
                limits.Release(host, leaseId);
                throw;
            }

            lock (state)
            {
                var now = time.GetUtcNow();
                state.LastStart = now;
                state.NextStart = now + spacing;
                state.LastUsed = now;
            }

            return leaseId;
        }
    }

    /// <summary>Per-host pacing state, for the admin endpoint.</summary>
    public IReadOnlyList<HostPacing> Snapshot()
    {
        var now = time.GetUtcNow();
        var capacity = options.Value.PerHostConcurrency;
        return [.. _hosts.Select(pair =>
        {
            lock (pair.Value)
            {
                return new HostPacing(
                    pair.Key,
                    capacity - pair.Value.Slots.CurrentCount - pair.Value.Kept.Count,
                    Math.Max(0, (pair.Value.NextStart - now).TotalMilliseconds),
                    Math.Max(0, (pair.Value.RetryUntil - now).TotalMilliseconds));
            }
        })];
    }

    private static string Key(Uri url) => $"{url.IdnHost}:{url.Port}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Forgets hosts idle for a minute once the table is over its bound.</summary>
    private void Trim(int maxHosts)
    {
        if (_hosts.Count <= maxHosts)
        {
            return;
        }

        var idleSince = time.GetUtcNow().AddMinutes(-1);
        foreach (var pair in _hosts)
        {
            lock (pair.Value)
            {
                if (pair.Value.LastUsed < idleSince && pair.Value.Slots.CurrentCount == options.Value.PerHostConcurrency
                    && pair.Value.NextStart < idleSince && pair.Value.RetryUntil < idleSince)
                {
                    _hosts.TryRemove(pair);
                }
            }
        }
    }

    internal sealed class HostState(string host, int concurrency)
    {
        public string Host { get; } = host;

        public SemaphoreSlim Slots { get; } = new(concurrency, concurrency);

        /// <summary>Shared leases kept for the next request, newest last; each holds one of <see cref="Slots"/>. Guarded by the state's lock.</summary>
        public List<KeptLease> Kept { get; } = [];

        /// <summary>Requests of this copy that found no kept lease and wait for a slot or a shared lease; while any do, no lease is kept. Guarded by the state's lock.</summary>
        public int Seeking { get; set; }

        /// <summary>When the last request to the host started; the next may start a spacing later.</summary>
        public DateTimeOffset LastStart { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The earliest next start as of the last request, for the admin view.</summary>
        public DateTimeOffset NextStart { get; set; }

        public DateTimeOffset RetryUntil { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}

/// <summary>A host slot (and, across copies, its shared lease) held while one request to it is in flight.</summary>
public sealed class HostLease : IDisposable
{
    private Action? _end;

    internal HostLease(Action end) => _end = end;

    public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
}

/// <summary>One host as the throttle sees it.</summary>
public sealed record HostPacing(string Host, int InFlight, double NextStartInMs, double RetryAfterRemainingMs);
