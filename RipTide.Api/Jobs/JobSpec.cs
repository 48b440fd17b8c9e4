using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Spider;

namespace RipTide.Api.Jobs;

/// <summary>
/// A validated job. Every Api copy rebuilds it from the request stored with the job (one validator, so all
/// copies agree on what the job means).
/// </summary>
public sealed record JobSpec(
    IReadOnlyList<CrawlTarget> Seeds,
    CrawlPlan Plan,
    SpiderSpec? Spider,
    WebhookSpec? Webhook)
{
    public string Kind => Spider is null ? JobKinds.Batch : JobKinds.Spider;

    /// <summary>Pages the job may fetch: the spider's budget, or every seed of a batch.</summary>
    public int MaxPages => Spider?.MaxPages ?? Seeds.Count;
}

public static class JobKinds
{
    public const string Batch = "batch";
    public const string Spider = "spider";
}

/// <summary>A spider's resolved settings.</summary>
public sealed record SpiderSpec(SpiderRules Rules, FrontierPriority Priority, int MaxPages, string Sitemap);

/// <summary>A webhook's resolved settings.</summary>
public sealed record WebhookSpec(Uri Url, IReadOnlyDictionary<string, string> Headers, IReadOnlySet<string> Events);
