using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Spider;
using RipTide.Contracts.Firecrawl;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Firecrawl;

/// <summary>This server's limits that Firecrawl's requests are fitted into.</summary>
public sealed record FirecrawlLimits(int MaxTimeoutMs, int ServerPerHost, int MaxUrlLength);

/// <summary>A Firecrawl crawl or batch as a RipTide job request, with the formats its documents carry.</summary>
public sealed record FirecrawlJobPlan(JobRequest Request, FirecrawlFormats Formats, IReadOnlyList<string> InvalidUrls);

/// <summary>
/// Firecrawl's crawl and batch requests onto /jobs. A crawl follows the children of its start URL's path
/// unless <c>crawlEntireDomain</c> (Firecrawl's default), subdomains with <c>allowSubdomains</c> and any host with
/// <c>allowExternalLinks</c>; <c>includePaths</c>/<c>excludePaths</c> are regular expressions over the path.
/// </summary>
public static class FirecrawlJobRequests
{
    /// <summary>The longest <c>delay</c> (seconds between a crawl's requests to its site); RipTide's <c>delay_ms</c> bound.</summary>
    public const int MaxDelaySeconds = 60;

    public static bool TryCrawl(FirecrawlCrawlRequest crawl, FirecrawlLimits limits, [NotNullWhen(true)] out FirecrawlJobPlan? plan, out string problem)
    {
        plan = null;
        if (string.IsNullOrWhiteSpace(crawl.Url))
        {
            problem = "url is required.";
            return false;
        }

        if (!FirecrawlOptionsTranslator.TryCheckOthers(crawl.Other, "body", out problem)
            || !FirecrawlOptionsTranslator.TryTranslate(crawl.ScrapeOptions, "scrapeOptions", limits.MaxTimeoutMs, out var options, out var formats, out problem)
            || !TryWebhook(crawl.Webhook, out var webhook, out problem))
        {
            return false;
        }

        if (crawl.Delay is < 0 or > MaxDelaySeconds)
        {
            problem = $"delay must be from 0 to {MaxDelaySeconds} seconds.";
            return false;
        }

        if (crawl.Limit is < 1 || crawl.MaxDiscoveryDepth is < 0 || crawl.MaxConcurrency is < 1)
        {
            problem = crawl.Limit is < 1 ? "limit must be at least 1." : crawl.MaxDiscoveryDepth is < 0 ? "maxDiscoveryDepth must be 0 or more." : "maxConcurrency must be at least 1.";
            return false;
        }

        var seed = crawl.Url.Trim();
        var spider = new SpiderOptions(
            MaxDepth: crawl.MaxDiscoveryDepth,
            MaxPages: crawl.Limit,
            Scope: crawl.AllowExternalLinks == true ? SpiderScopes.Any : crawl.AllowSubdomains == true ? SpiderScopes.SameDomain : SpiderScopes.SameHost,
            Include: Includes(crawl, seed),
            Exclude: crawl.ExcludePaths is { Count: > 0 } exclude ? [.. exclude.Select(pattern => PathPatterns.RegexPrefix + pattern)] : null,
            Sitemap: crawl.Sitemap,
            IgnoreQueryParams: crawl.IgnoreQueryParameters);
        options = crawl.Delay is > 0 and var delay
            // Spaced requests go one at a time, so that each waits its turn within its own deadline.
            ? options with { DelayMs = (int)Math.Round(delay * 1000), PerHostConcurrency = 1 }
            : options with { PerHostConcurrency = PerHost(crawl.MaxConcurrency, limits.ServerPerHost) };
        plan = new FirecrawlJobPlan(new JobRequest([seed], spider, options, webhook), formats, []);
        return true;
    }

    public static bool TryBatch(FirecrawlBatchRequest batch, FirecrawlLimits limits, [NotNullWhen(true)] out FirecrawlJobPlan? plan, out string problem)
    {
        plan = null;
        if (batch.Urls is not { Count: > 0 } urls)
        {
            problem = "urls must list at least one URL.";
            return false;
        }

        if (!FirecrawlOptionsTranslator.TryTranslate(batch, "body", limits.MaxTimeoutMs, out var options, out var formats, out problem)
            || !TryWebhook(batch.Webhook, out var webhook, out problem))
        {
            return false;
        }

        if (batch.MaxConcurrency is < 1)
        {
            problem = "maxConcurrency must be at least 1.";
            return false;
        }

        // With ignoreInvalidURLs the batch runs the URLs that are valid and names the others; without it one
        // invalid URL refuses the batch, as in Firecrawl.
        var invalid = batch.IgnoreInvalidUrls == true
            ? urls.Where(url => !UrlNormalizer.TryNormalize(url, limits.MaxUrlLength, out _, out _)).ToList()
            : [];
        var seeds = urls.Except(invalid).ToList();
        if (seeds.Count == 0)
        {
            problem = "None of urls is a valid http(s) URL.";
            return false;
        }

        options = options with { PerHostConcurrency = PerHost(batch.MaxConcurrency, limits.ServerPerHost) };
        plan = new FirecrawlJobPlan(new JobRequest(seeds, null, options, webhook), formats, invalid);
        return true;
    }

    /// <summary>Firecrawl's maxConcurrency caps the pages in flight; above this server's per-host limit the limit already does.</summary>
    private static int? PerHost(int? maxConcurrency, int serverPerHost) => maxConcurrency is { } cap ? Math.Min(cap, serverPerHost) : null;

    private static List<string>? Includes(FirecrawlCrawlRequest crawl, string seed)
    {
        if (crawl.IncludePaths is { Count: > 0 } include)
        {
            return [.. include.Select(pattern => PathPatterns.RegexPrefix + pattern)];
        }

        // Firecrawl's default: only the children of the start URL's path.
        return crawl.CrawlEntireDomain != true && Uri.TryCreate(seed, UriKind.Absolute, out var start) && start.AbsolutePath is { Length: > 1 } path
            ? [PathPatterns.RegexPrefix + "^" + Regex.Escape(path)]
            : null;
    }

    private static bool TryWebhook(JsonElement? hook, out JobWebhook? webhook, out string problem)
    {
        webhook = null;
        problem = string.Empty;
        switch (hook)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return true;
            case { ValueKind: JsonValueKind.String } url:
                webhook = new JobWebhook(url.GetString());
                return true;
            case { ValueKind: JsonValueKind.Object } config:
                string? address = null;
                Dictionary<string, string>? headers = null;
                List<string>? events = null;
                foreach (var member in config.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "url" when member.Value.ValueKind == JsonValueKind.String:
                            address = member.Value.GetString();
                            break;
                        case "headers" when member.Value.ValueKind == JsonValueKind.Object && member.Value.EnumerateObject().All(h => h.Value.ValueKind == JsonValueKind.String):
                            headers = member.Value.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
                            break;
                        case "events" when member.Value.ValueKind == JsonValueKind.Array && member.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                            events = [.. member.Value.EnumerateArray().Select(e => e.GetString()!)];
                            break;
                        case "metadata" when member.Value.ValueKind == JsonValueKind.Object && !member.Value.EnumerateObject().Any():
                            break;
                        case "metadata":
                            problem = "webhook.metadata is not supported by RipTide: its webhooks carry the job's id, event and data, signed (docs/FIRECRAWL.md).";
                            return false;
                        default:
                            problem = $"webhook.{member.Name} is not a webhook setting (url, headers, events) or has the wrong type.";
                            return false;
                    }
                }

                webhook = new JobWebhook(address, headers, events);
                return true;
            default:
                problem = "webhook must be a URL or an object with url, headers and events.";
                return false;
        }
    }
}
