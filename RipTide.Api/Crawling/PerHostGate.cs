using System.Collections.Concurrent;

namespace RipTide.Api.Crawling;

/// <summary>
/// A crawl's own per-host limit, when the request lowers the server's (<c>options.per_host_concurrency</c>): at
/// most that many of this crawl's URLs of one host in flight. The server's limit itself is kept by the host
/// throttle for every crawl together; at or above it this gate lets everything through.
/// </summary>
public sealed class PerHostGate(int limit, int serverLimit)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        if (limit >= serverLimit)
        {
            return Entered.None;
        }

        var slots = _hosts.GetOrAdd($"{url.IdnHost}:{url.Port}", static (_, count) => new SemaphoreSlim(count, count), limit);
        await slots.WaitAsync(cancellationToken);
        return new Entered(slots);
    }

    private sealed class Entered(SemaphoreSlim? slots) : IDisposable
    {
        public static readonly Entered None = new(null);

        private SemaphoreSlim? _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
