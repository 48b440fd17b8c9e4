using System.Text.Json;
using RipTide.Api.Fetching;

namespace RipTide.Api.Crawling;

/// <summary>
/// A validated crawl request: every URL normalised, every option resolved to a concrete value.
/// <see cref="PerHostConcurrency"/> is the request's own per-host limit (the server's, unless it asked for less);
/// <see cref="MinDelay"/> the least time between the starts of its requests to one host (robots.txt may ask more).
/// </summary>
public sealed record CrawlPlan(
    IReadOnlyList<CrawlTarget> Targets,
    int Concurrency,
    CacheMode CacheMode,
    TimeSpan? CacheTtlOverride,
    TimeSpan Timeout,
    PageOutput Output,
    bool RespectRobots,
    int PerHostConcurrency = int.MaxValue,
    TimeSpan MinDelay = default)
{
    /// <summary>Set from <c>X-Cache-Warming: true</c>: counted apart from client traffic.</summary>
    public bool Warming { get; init; }

    /// <summary>
    /// Set for crawl jobs: how long a URL may wait for its host's turn, after which <see cref="Timeout"/> starts
    /// (<see cref="Politeness.UrlDeadline"/>). Null: the timeout covers the waits too, as a waiting client needs.
    /// </summary>
    public TimeSpan? HostTurnWait { get; init; }
}

/// <summary>One URL to crawl: as the client wrote it, and normalised for fetching and cache keys.</summary>
public sealed record CrawlTarget(string RequestedUrl, Uri Url);

/// <summary>
/// Every option that changes what a result contains. All of it is part of the cache key, so that no
/// request is ever served a document shaped for another (or fetched with another's cookies).
/// </summary>
public sealed record PageOutput(
    string Extraction, string Render, bool IncludeHtml, bool IncludeMarkdown, JsonElement? CssSchema, RenderSettings? Browser = null, PageFilter? Filter = null,
    RequestHeaders? Headers = null, bool Mobile = false)
{
    /// <summary>How to render, when the page is rendered.</summary>
    public RenderSettings BrowserSettings => Browser ?? RenderSettings.Default;

    /// <summary>A stable text form of the options, for cache keys (the browser settings only when set, so older keys stay valid).</summary>
    public string Fingerprint()
    {
        var fingerprint = string.Join(
            '\u001f',
            Extraction,
            Render,
            IncludeHtml ? "html" : "-",
            IncludeMarkdown ? "md" : "-",
            CssSchema is { } schema ? JsonSerializer.Serialize(schema) : "-");
        fingerprint = BrowserSettings == RenderSettings.Default ? fingerprint : fingerprint + '\u001f' + BrowserSettings.Fingerprint();
        fingerprint = Filter is null ? fingerprint : fingerprint + '\u001f' + Filter.Fingerprint();
        fingerprint = Headers is null ? fingerprint : fingerprint + '\u001f' + Headers.Fingerprint();
        return Mobile ? fingerprint + "\u001fmobile" : fingerprint;
    }
}

/// <summary>
/// CSS selectors applied to the page before extraction: only what <see cref="Include"/> matches is kept (when it
/// names any), and what <see cref="Exclude"/> matches is removed. Part of the cache key when set, as the browser
/// settings are, so that older keys stay valid.
/// </summary>
public sealed record PageFilter(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public string Fingerprint() => string.Join('\u001f', ["filter", .. Include, "-", .. Exclude]);
}

/// <summary>
/// The browser's options for a rendered page: its own deadline (within the URL's), a CSS selector to wait
/// for, scroll steps for lazy lists, a screenshot, and a fixed wait once the page has settled. Setting any but
/// the deadline asks for the browser.
/// </summary>
public sealed record RenderSettings(int? TimeoutMs = null, string? WaitFor = null, int Scroll = 0, bool Screenshot = false, bool FullPage = false, int WaitMs = 0)
{
    public static readonly RenderSettings Default = new();

    public bool AsksForBrowser => WaitFor is not null || Scroll > 0 || Screenshot || WaitMs > 0;

    /// <summary>The wait only when set, so that the keys of pages cached before it existed stay valid.</summary>
    public string Fingerprint() => string.Join('\u001f', "render", TimeoutMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        WaitFor ?? "-", Scroll.ToString(System.Globalization.CultureInfo.InvariantCulture), Screenshot ? (FullPage ? "shot-full" : "shot") : "-")
        + (WaitMs > 0 ? "\u001fwait" + WaitMs.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
}
