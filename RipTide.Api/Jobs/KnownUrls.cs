using System.Collections.Concurrent;

namespace RipTide.Api.Jobs;

/// <summary>
/// A copy's memory of URLs a job has already seen (Redis's <c>seen</c> set only grows, so "seen" never turns
/// false): links found again are counted as duplicates without normalising, checking robots.txt or a round trip.
/// Bounded: at <see cref="Capacity"/> it starts over, which costs round trips, never correctness.
/// </summary>
public sealed class KnownUrls
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.Ordinal);

    public bool Contains(string url) => _urls.ContainsKey(url);

    /// <summary>
    /// Forgets everything: after Redis comes back, the last second before its crash may be lost from its file,
    /// links admitted in that second included, and the page that found them is crawled again: its links must
    /// go to Redis again rather than be taken for seen.
    /// </summary>
    public void Clear() => _urls.Clear();

    public void Add(string url)
    {
        if (_urls.Count >= Capacity)
        {
            _urls.Clear();
        }

        _urls.TryAdd(url, 0);
    }
}
