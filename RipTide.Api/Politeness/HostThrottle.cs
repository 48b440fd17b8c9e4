using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;

namespace RipTide.Api.Politeness;

/// <summary>
/// Paces requests to each host across every crawl of this process: at most
/// <see cref="PolitenessOptions.PerHostConcurrency"/> in flight, request starts spaced by the larger of the
/// configured delay and the host's Crawl-delay, and nothing before a Retry-After has passed.
/// </summary>
public sealed class HostThrottle(IOptions<PolitenessOptions> options, TimeProvider time)
{
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

        // Spacing counts from the previous request's actual start, so a late wake-up (a busy machine) never
        // lets the next request follow it closer than the delay: re-check after every wait.
        var spacing = Max(TimeSpan.FromMilliseconds(o.PerHostDelayMs), crawlDelay ?? TimeSpan.Zero);
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

    /// <summary>Honours a 429/503 Retry-After: no request to the host starts before it has passed.</summary>
    public void Defer(Uri url, TimeSpan retryAfter)
    {
        var state = _hosts.GetOrAdd(Key(url), static (_, concurrency) => new HostState(concurrency), options.Value.PerHostConcurrency);
        lock (state)
        {
            var until = time.GetUtcNow() + retryAfter;
            state.RetryUntil = Max(state.RetryUntil, until);
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

/// <summary>A host slot held while one request to it is in flight.</summary>
public sealed class HostLease : IDisposable
{
    private HostThrottle.HostState? _state;

    internal HostLease(HostThrottle.HostState state) => _state = state;

    public void Dispose() => Interlocked.Exchange(ref _state, null)?.Slots.Release();
}

/// <summary>One host as the throttle sees it.</summary>
public sealed record HostPacing(string Host, int InFlight, double NextStartInMs, double RetryAfterRemainingMs);
