using System.Collections.Concurrent;

namespace RipTide.Api.Crawling;

/// <summary>
/// A crawl's own per-host limit: at most <c>options.per_host_concurrency</c> of this crawl's URLs of one host in
/// flight when the request lowers the server's limit, and one at a time for a paced host (<see cref="Politeness.PacedHosts"/>)
/// when asked. The server's limit itself is kept by the host throttle for every crawl together; at or above it
/// this gate lets an unpaced host's URLs through.
/// </summary>
public sealed class PerHostGate(int limit, int serverLimit)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _pacedHosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(Uri url, bool paced, CancellationToken cancellationToken)
    {
        if (SlotsOf(url, paced) is not { } slots)
        {
            return Entered.None;
        }

        await slots.WaitAsync(cancellationToken);
        return new Entered(slots);
    }

    /// <summary>Enters when the URL's host has room now; null when it would have to wait (<see cref="EnterAsync"/> waits).</summary>
    public IDisposable? TryEnter(Uri url, bool paced) =>
        SlotsOf(url, paced) is not { } slots ? Entered.None
        : slots.Wait(0) ? new Entered(slots)
        : null;

    /// <summary>The semaphore that holds the URL's host to its limit, or null when this gate does not limit it.</summary>
    private SemaphoreSlim? SlotsOf(Uri url, bool paced)
    {
        var host = $"{url.IdnHost}:{url.Port}";
        if (paced)
        {
            return _pacedHosts.GetOrAdd(host, static _ => new SemaphoreSlim(1, 1));
        }

        return limit >= serverLimit ? null : _hosts.GetOrAdd(host, static (_, count) => new SemaphoreSlim(count, count), limit);
    }

    private sealed class Entered(SemaphoreSlim? slots) : IDisposable
    {
        public static readonly Entered None = new(null);

        private SemaphoreSlim? _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
