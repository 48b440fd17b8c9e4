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
public sealed class HostThrottle(IOptions<PolitenessOptions> options, TimeProvider time, SharedHostLimits? shared = null)
{
    /// <summary>A shared lease outlives the URL's deadline by this much, then lapses (a killed copy's included).</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan BusyRetryMax = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _hosts.Count;

    /// <summary>
    /// Waits for the host's turn. Returns null (and waits for nothing) when that turn comes after
    /// <paramref name="deadline"/>: the politeness budget of the URL is exhausted.
    /// </summary>
    public async Task<HostLease?> AcquireAsync(Uri url, TimeSpan? crawlDelay, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var host = Key(url);
        var state = _hosts.GetOrAdd(host, static (_, concurrency) => new HostState(concurrency), o.PerHostConcurrency);
        Trim(o.MaxHosts);

        var remaining = deadline - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero || !await state.Slots.WaitAsync(remaining, cancellationToken))
        {
            return null;
        }

        var spacing = Max(TimeSpan.FromMilliseconds(o.PerHostDelayMs), crawlDelay ?? TimeSpan.Zero);
        if (shared is { IsAvailable: true })
        {
            try
            {
                if (await AcquireSharedAsync(shared, host, state, spacing, deadline, cancellationToken) is { } leaseId)
                {
                    return new HostLease(state, () => shared.Release(host, leaseId));
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

        return new HostLease(state);
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

        var state = _hosts.GetOrAdd(Key(url), static (_, concurrency) => new HostState(concurrency), options.Value.PerHostConcurrency);
        lock (state)
        {
            var until = time.GetUtcNow() + retryAfter;
            state.RetryUntil = Max(state.RetryUntil, until);
        }
    }

    /// <summary>
    /// Reserves the host's next start across the copies, waiting while it has its limit in flight; the lease id,
    /// or null when no start comes before <paramref name="deadline"/>.
    /// </summary>
    private async Task<string?> AcquireSharedAsync(
        SharedHostLimits limits, string host, HostState state, TimeSpan spacing, DateTimeOffset deadline, CancellationToken cancellationToken)
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

            var wait = await limits.TryAcquireAsync(host, leaseId, options.Value.PerHostConcurrency, remaining + LeaseMargin, spacing, remaining);
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
                    capacity - pair.Value.Slots.CurrentCount,
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

    internal sealed class HostState(int concurrency)
    {
        public SemaphoreSlim Slots { get; } = new(concurrency, concurrency);

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
    private HostThrottle.HostState? _state;
    private readonly Action? _releaseShared;

    internal HostLease(HostThrottle.HostState state, Action? releaseShared = null)
    {
        _state = state;
        _releaseShared = releaseShared;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _state, null) is { } state)
        {
            state.Slots.Release();
            _releaseShared?.Invoke();
        }
    }
}

/// <summary>One host as the throttle sees it.</summary>
public sealed record HostPacing(string Host, int InFlight, double NextStartInMs, double RetryAfterRemainingMs);
