using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Politeness;

/// <summary>
/// robots.txt, fetched once per origin and kept for a TTL; concurrent crawls of one origin share one fetch.
/// RFC 9309 §2.3.1: a 4xx means no rules; a 5xx means everything is disallowed for now. When robots.txt
/// cannot be fetched at all, the URL fails with that network error (nothing of it could be fetched either).
/// </summary>
public sealed class RobotsCache(
    PageFetcher fetcher, IOptions<PolitenessOptions> options, IOptions<FetchOptions> fetch, IOptions<CrawlLimitsOptions> limits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _productToken = fetch.Value.UserAgent.Split('/', 2)[0].Trim();

    public int Count => _entries.Count;

    public async Task<RobotsVerdict> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        // The shared fetch has its own timeout; one caller giving up must not cancel it for the others.
        var (rules, error) = await EntryFor(url).Rules.Value.WaitAsync(cancellationToken);
        if (error is not null)
        {
            return new RobotsVerdict(null, error);
        }

        var delay = rules.CrawlDelay is { } crawlDelay ? TimeSpan.FromSeconds(Math.Min(crawlDelay.TotalSeconds, options.Value.MaxCrawlDelaySeconds)) : (TimeSpan?)null;
        return rules.IsAllowed(url)
            ? new RobotsVerdict(delay, null)
            : new RobotsVerdict(delay, new CrawlError(CrawlErrorTypes.RobotsDisallowed, "robots.txt disallows this URL for our user agent.", Retryable: false));
    }

    /// <summary>The <c>Sitemap:</c> lines of the origin's robots.txt, from the same cached fetch as its rules; none when it could not be read.</summary>
    public async Task<IReadOnlyList<Uri>> DeclaredSitemapsAsync(Uri url, CancellationToken cancellationToken)
    {
        var (rules, _) = await EntryFor(url).Rules.Value.WaitAsync(cancellationToken);
        return rules.Sitemaps ?? [];
    }

    private Entry EntryFor(Uri url)
    {
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            url.GetLeftPart(UriPartial.Authority),
            static (key, state) => state.Self.Create(key),
            static (key, existing, state) => existing.ExpiresAt is { } expires && expires <= state.Now ? state.Self.Create(key) : existing,
            (Self: this, Now: now));
        Trim(now);
        return entry;
    }

    private Entry Create(string origin)
    {
        // Lazy: under contention AddOrUpdate may build several entries, but only the stored one fetches.
        var entry = new Entry();
        entry.Rules = new Lazy<Task<(RobotsRules, CrawlError?)>>(() => LoadAsync(origin, entry));
        return entry;
    }

    private async Task<(RobotsRules Rules, CrawlError? Error)> LoadAsync(string origin, Entry entry)
    {
        var o = options.Value;
        var fetched = await fetcher.TryFetchRobotsAsync(new Uri(origin + "/robots.txt"), TimeSpan.FromMilliseconds(o.RobotsTimeoutMs), CancellationToken.None);
        var failed = fetched.Error is not null || fetched.Status >= 500;
        entry.ExpiresAt = time.GetUtcNow().AddSeconds(failed ? o.RobotsFailureTtlSeconds : o.RobotsTtlSeconds);
        return fetched switch
        {
            { Error: { } error } => (RobotsRules.DisallowAll, error),
            { Status: >= 500 } => (RobotsRules.DisallowAll, new CrawlError(
                CrawlErrorTypes.RobotsDisallowed, $"robots.txt answered {fetched.Status}; the site is treated as disallowed until it answers.", Retryable: true)),
            { Status: >= 200 and < 300, Body: { } body } =>
                (RobotsParser.Parse(body, _productToken) with { Sitemaps = RobotsParser.Sitemaps(body, limits.Value.MaxUrlLength) }, null),
            _ => (RobotsRules.AllowAll, null),
        };
    }

    /// <summary>Keeps the table bounded: expired entries go first, then the oldest.</summary>
    private void Trim(DateTimeOffset now)
    {
        var max = options.Value.MaxHosts;
        if (_entries.Count <= max)
        {
            return;
        }

        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt is { } expires && expires <= now)
            {
                _entries.TryRemove(pair);
            }
        }

        foreach (var pair in _entries.OrderBy(p => p.Value.ExpiresAt ?? DateTimeOffset.MaxValue).Take(Math.Max(0, _entries.Count - max)))
        {
            _entries.TryRemove(pair);
        }
    }

    private sealed class Entry
    {
        public Lazy<Task<(RobotsRules Rules, CrawlError? Error)>> Rules { get; set; } = null!;

        /// <summary>Null while the fetch is running.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }
    }
}
