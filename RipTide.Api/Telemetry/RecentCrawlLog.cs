using RipTide.Contracts.Crawling;
using RipTide.Contracts.Metrics;

namespace RipTide.Api.Telemetry;

/// <summary>The newest <see cref="Capacity"/> URLs this replica finished (warming excluded), for the dashboard.</summary>
public sealed class RecentCrawlLog(TimeProvider time)
{
    public const int Capacity = 10;
    private const int MaxUrlChars = 2048;

    private readonly Lock _lock = new();
    private readonly RecentCrawl[] _ring = new RecentCrawl[Capacity];
    private int _next;
    private int _count;

    public void Add(CrawlResult result)
    {
        var url = result.Url.Length <= MaxUrlChars ? result.Url : string.Concat(result.Url.AsSpan(0, MaxUrlChars), "…");
        var entry = new RecentCrawl(url, result.Status, result.GateDecision, result.ProcessingTimeMs, result.FromCache, result.Error?.Type, time.GetUtcNow());
        lock (_lock)
        {
            _ring[_next] = entry;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RecentCrawl> Newest()
    {
        lock (_lock)
        {
            var newest = new RecentCrawl[_count];
            for (var i = 0; i < _count; i++)
            {
                newest[i] = _ring[(_next - 1 - i + Capacity) % Capacity];
            }

            return newest;
        }
    }
}
