using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Firecrawl;

namespace RipTide.Api.Firecrawl;

/// <summary>
/// Firecrawl's scrape options onto RipTide's crawl options. Firecrawl options RipTide does not implement are
/// accepted at their "off" value (false, 0, empty, null) and otherwise refused by name with the reason, so a
/// client never gets a page that silently lacks what it asked for; a member Firecrawl does not have either is
/// refused as unrecognised, as Firecrawl's own API does.
/// </summary>
public static class FirecrawlOptionsTranslator
{
    /// <summary>Firecrawl's members that RipTide does not implement, each with what a client should know.</summary>
    private static readonly Dictionary<string, string> NotImplemented = new(StringComparer.Ordinal)
    {
        ["actions"] = "browser actions are not supported",
        ["location"] = "location settings are not supported",
        ["proxy"] = "proxies are not supported (\"basic\" is accepted: a direct fetch)",
        ["parsers"] = "document parsers (PDF) are not supported",
        ["skipTlsVerification"] = "TLS certificates are always verified",
        ["blockAds"] = "ad blocking is not supported",
        ["fastMode"] = "fastMode is not supported",
        ["useMock"] = "mocks are not supported",
        ["minAge"] = "minAge is not supported",
        ["lockdown"] = "lockdown is not supported",
        ["redactPII"] = "PII redaction is not supported",
        ["threatProtection"] = "threat protection is not supported",
        ["auditMetadata"] = "audit metadata is not supported",
        ["profile"] = "browser profiles are not supported",
        ["zeroDataRetention"] = "zero data retention is not supported: results are kept for the job's retention",
        ["domainTools"] = "domain tools are not supported",
        ["toolDetail"] = "domain tools are not supported",
        ["regexOnFullURL"] = "regexOnFullURL is not supported: includePaths and excludePaths match a URL's path and query",
        ["deduplicateSimilarURLs"] = "deduplicateSimilarURLs is not supported; URLs are deduplicated after normalisation, by canonical link and by redirect target",
        ["ignoreRobotsTxt"] = "robots.txt is always respected",
        ["robotsUserAgent"] = "robots.txt is read for RipTide's own user agent",
        ["prompt"] = "prompts need a language model",
        ["appendToId"] = "appending to an earlier batch is not supported",
        ["idempotencyKey"] = "idempotency keys are not supported",
    };

    /// <summary>Checks the members RipTide does not type: each must be Firecrawl's and at its "off" value.</summary>
    public static bool TryCheckOthers(Dictionary<string, JsonElement>? others, string where, out string problem)
    {
        problem = string.Empty;
        foreach (var (name, value) in others ?? [])
        {
            if (!NotImplemented.TryGetValue(name, out var why))
            {
                problem = $"Unrecognized key in {where}: '{name}'.";
                return false;
            }

            if (!IsOff(name, value))
            {
                problem = $"'{name}' is not supported by RipTide: {why}.";
                return false;
            }
        }

        return true;
    }

    private static bool IsOff(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => value.TryGetDouble(out var number) && number == 0,
        JsonValueKind.String => value.GetString() is { Length: 0 } || (name == "proxy" && value.GetString() == "basic"),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>The crawl options and formats for <paramref name="scrape"/>, or the problem, in Firecrawl's words.</summary>
    public static bool TryTranslate(FirecrawlScrapeOptions? scrape, string where, int maxTimeoutMs, [NotNullWhen(true)] out CrawlOptions? options,
        [NotNullWhen(true)] out FirecrawlFormats? formats, out string problem)
    {
        options = null;
        formats = null;
        scrape ??= new FirecrawlScrapeOptions();
        if (!TryCheckOthers(scrape.Other, where, out problem) || !FirecrawlFormats.TryParse(scrape.Formats, scrape.RemoveBase64Images ?? false, out formats, out problem))
        {
            return false;
        }

        if (scrape.Timeout is <= 0 || scrape.MaxAge is < 0 || scrape.WaitFor is < 0)
        {
            problem = scrape.Timeout is <= 0 ? "timeout must be a positive number of milliseconds."
                : scrape.MaxAge is < 0 ? "maxAge must be 0 or more milliseconds."
                : "waitFor must be 0 or more milliseconds.";
            return false;
        }

        // maxAge 0 asks for a fresh fetch; storeInCache false for nothing to be kept. Either way a cached
        // copy is younger than the cache's own TTL, which an operator sets.
        var read = scrape.MaxAge != 0;
        var write = scrape.StoreInCache != false;
        options = new CrawlOptions(
            CacheMode: (read, write) switch
            {
                (true, true) => CacheModes.ReadWrite,
                (true, false) => CacheModes.ReadOnly,
                (false, true) => CacheModes.WriteOnly,
                _ => CacheModes.Bypass,
            },
            // Firecrawl's timeout bounds the wait; above this server's longest it is satisfied by that.
            TimeoutMs: scrape.Timeout is { } timeout ? Math.Min(timeout, maxTimeoutMs) : null,
            Extraction: scrape.OnlyMainContent == false ? ExtractionModes.Full : ExtractionModes.Article,
            IncludeHtml: formats.RawHtml,
            IncludeMarkdown: formats.Markdown || formats.Html,
            Screenshot: formats.Screenshot ? true : null,
            FullPageScreenshot: formats.FullPageScreenshot ? true : null,
            // A wait happens in the browser: asking for one renders the page (CrawlRequestValidator).
            WaitMs: scrape.WaitFor is > 0 ? scrape.WaitFor : null,
            IncludeSelectors: scrape.IncludeTags is { Count: > 0 } ? scrape.IncludeTags : null,
            ExcludeSelectors: scrape.ExcludeTags is { Count: > 0 } ? scrape.ExcludeTags : null,
            Headers: scrape.Headers is { Count: > 0 } ? scrape.Headers : null,
            Mobile: scrape.Mobile == true ? true : null);
        return true;
    }
}
