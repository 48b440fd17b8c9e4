using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Spider;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs;

/// <summary>
/// Turns a <see cref="JobRequest"/> into a <see cref="JobSpec"/>, or says precisely what is wrong. The crawl
/// options are checked by the same validator as POST /crawl.
/// </summary>
public sealed class JobRequestValidator(
    CrawlRequestValidator crawlValidator,
    IOptions<JobOptions> jobOptions,
    IOptions<CrawlLimitsOptions> crawlLimits,
    SuffixListSource suffixes)
{
    private const int MaxKeywords = 50;
    private const int MaxPatterns = 100;
    private const int MaxWebhookHeaders = 20;
    private const int MaxHeaderValueLength = 4096;

    /// <summary>Headers a webhook may not set: the signature's and the body's own.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection", WebhookSignature.HeaderName, "X-RipTide-Event", "X-RipTide-Job",
    };

    public bool TryValidate(JobRequest request, [NotNullWhen(true)] out JobSpec? spec, out string problem)
    {
        spec = null;
        if (!TryValidateSeeds(request.Seeds, out var seeds, out problem)
            || !crawlValidator.TryValidateOptions(request.Options, out var plan, out problem))
        {
            return false;
        }

        SpiderSpec? spider = null;
        if (request.Spider is { } spiderOptions && !TryValidateSpider(spiderOptions, seeds, out spider, out problem))
        {
            return false;
        }

        if (spider is not null && plan.Output.Extraction == ExtractionModes.None)
        {
            problem = "A spider follows the links extraction finds; options.extraction 'none' finds no links (use 'metadata' for the cheapest).";
            return false;
        }

        WebhookSpec? webhook = null;
        if (request.Webhook is { } hook && !TryValidateWebhook(hook, out webhook, out problem))
        {
            return false;
        }

        spec = new JobSpec(seeds, plan with { HostTurnWait = TimeSpan.FromMilliseconds(jobOptions.Value.HostTurnWaitMs) }, spider, webhook);
        return true;
    }

    private bool TryValidateSeeds(IReadOnlyList<string>? urls, out List<CrawlTarget> seeds, out string problem)
    {
        seeds = [];
        var max = jobOptions.Value.MaxSeeds;
        if (urls is null || urls.Count == 0 || urls.Count > max)
        {
            problem = $"seeds must contain between 1 and {max} URLs; it has {urls?.Count ?? 0}.";
            return false;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            if (!UrlNormalizer.TryNormalize(urls[i], crawlLimits.Value.MaxUrlLength, out var url, out var urlProblem))
            {
                problem = $"seeds[{i}] {urlProblem}.";
                return false;
            }

            seeds.Add(new CrawlTarget(urls[i], url));
        }

        problem = string.Empty;
        return true;
    }

    private bool TryValidateSpider(SpiderOptions spider, List<CrawlTarget> seeds, [NotNullWhen(true)] out SpiderSpec? spec, out string problem)
    {
        spec = null;
        var options = jobOptions.Value;
        problem = spider switch
        {
            { Strategy: { } s } when !SpiderStrategies.All.Contains(s) => $"spider.strategy '{s}' is not one of {string.Join(", ", SpiderStrategies.All)}.",
            { Scope: { } s } when !SpiderScopes.All.Contains(s) => $"spider.scope '{s}' is not one of {string.Join(", ", SpiderScopes.All)}.",
            { Sitemap: { } s } when !SitemapModes.All.Contains(s) => $"spider.sitemap '{s}' is not one of {string.Join(", ", SitemapModes.All)}.",
            { MaxDepth: { } d } when d < 0 || d > options.MaxDepth => $"spider.max_depth must be between 0 and {options.MaxDepth}.",
            { MaxPages: { } p } when p < 1 || p > options.MaxPagesPerJob => $"spider.max_pages must be between 1 and {options.MaxPagesPerJob}.",
            { Keywords: { } k } when k.Count > MaxKeywords || k.Any(string.IsNullOrWhiteSpace) => $"spider.keywords must be at most {MaxKeywords} non-empty words.",
            { Keywords: null or [], Strategy: SpiderStrategies.BestFirst } => "spider.strategy best_first needs spider.keywords.",
            { Include.Count: > MaxPatterns } or { Exclude.Count: > MaxPatterns } => $"spider.include and spider.exclude take at most {MaxPatterns} patterns each.",
            _ => string.Empty,
        };
        if (problem.Length > 0
            || !PathPatterns.TryCreate(spider.Include, "spider.include", out var include, out problem)
            || !PathPatterns.TryCreate(spider.Exclude, "spider.exclude", out var exclude, out problem))
        {
            return false;
        }

        var scope = spider.Scope ?? SpiderScopes.SameHost;
        var list = scope == SpiderScopes.SameDomain ? suffixes.List : null;
        if (scope == SpiderScopes.SameDomain && list is null)
        {
            problem = $"spider.scope same_domain needs the Public Suffix List, which this server does not have ({suffixes.Path}; apt-get install publicsuffix).";
            return false;
        }

        var rules = new SpiderRules(scope, seeds.Select(seed => seed.Url), include, exclude, spider.MaxDepth ?? options.MaxDepth, spider.IgnoreQueryParams ?? false, list);
        var priority = new FrontierPriority(spider.Strategy ?? SpiderStrategies.Bfs, [.. spider.Keywords ?? []]);
        spec = new SpiderSpec(rules, priority, spider.MaxPages ?? Math.Min(options.DefaultMaxPages, options.MaxPagesPerJob), spider.Sitemap ?? SitemapModes.Include);
        return true;
    }

    private bool TryValidateWebhook(JobWebhook hook, [NotNullWhen(true)] out WebhookSpec? spec, out string problem)
    {
        spec = null;
        if (string.IsNullOrEmpty(jobOptions.Value.WebhookSecret))
        {
            problem = "webhook is not available: this server has no webhook secret to sign with (RipTide:Jobs:WebhookSecret).";
            return false;
        }

        if (!UrlNormalizer.TryNormalize(hook.Url, crawlLimits.Value.MaxUrlLength, out var url, out var urlProblem))
        {
            problem = $"webhook.url {urlProblem}.";
            return false;
        }

        var headers = hook.Headers ?? new Dictionary<string, string>();
        if (headers.Count > MaxWebhookHeaders)
        {
            problem = $"webhook.headers takes at most {MaxWebhookHeaders} headers.";
            return false;
        }

        foreach (var (name, value) in headers)
        {
            if (name.Length == 0 || !name.All(IsTokenChar) || ReservedHeaders.Contains(name))
            {
                problem = $"webhook.headers '{name}' is not a header name a webhook may set.";
                return false;
            }

            if (value is null || value.Length > MaxHeaderValueLength || value.Any(char.IsControl))
            {
                problem = $"webhook.headers '{name}' must be at most {MaxHeaderValueLength} printable characters.";
                return false;
            }
        }

        var events = hook.Events ?? JobEvents.All;
        if (events.Count == 0)
        {
            problem = "webhook.events must name at least one event.";
            return false;
        }

        if (events.FirstOrDefault(e => !JobEvents.All.Contains(e)) is { } unknown)
        {
            problem = $"webhook.events '{unknown}' is not one of {string.Join(", ", JobEvents.All)}.";
            return false;
        }

        spec = new WebhookSpec(url, headers, events.ToHashSet(StringComparer.Ordinal));
        problem = string.Empty;
        return true;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
