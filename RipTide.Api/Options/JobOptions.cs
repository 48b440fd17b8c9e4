using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>Crawl jobs (<c>RipTide:Jobs</c>): limits of POST /jobs, the shared frontier's timings, retention and webhooks.</summary>
public sealed class JobOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Jobs";

    /// <summary>Largest POST /jobs body (a batch job carries every URL).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Most seeds a job may carry (a batch job is its seeds).</summary>
    [Range(1, 1_000_000)]
    public int MaxSeeds { get; set; } = 100_000;

    /// <summary>Highest <c>spider.max_pages</c>; also the budget of a spider that names none.</summary>
    [Range(1, 10_000_000)]
    public int MaxPagesPerJob { get; set; } = 100_000;

    /// <summary>Default <c>spider.max_pages</c>.</summary>
    [Range(1, 10_000_000)]
    public int DefaultMaxPages { get; set; } = 10_000;

    /// <summary>Highest <c>spider.max_depth</c>, and the default.</summary>
    [Range(0, 1000)]
    public int MaxDepth { get; set; } = 100;

    /// <summary>Jobs queued or running at once for one caller (an API key, or a network without keys).</summary>
    [Range(1, 1000)]
    public int MaxActiveJobsPerCaller { get; set; } = 5;

    /// <summary>Jobs queued or running at once in the whole system.</summary>
    [Range(1, 10_000)]
    public int MaxActiveJobs { get; set; } = 100;

    /// <summary>Pages one Api copy crawls at once across all jobs (each job is also held to its own concurrency).</summary>
    [Range(1, 4096)]
    public int CopyConcurrency { get; set; } = 64;

    /// <summary>
    /// Pages of one job that one copy keeps claimed while they wait for their host's turn (a Crawl-delay, say),
    /// beside those it works on: they give their working slots to the job's other hosts meanwhile. Past it the copy
    /// claims none of the job's entries until one ends, and a job whose frontier is mostly one slow host's pages goes
    /// at that host's pace.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxWaitingPages { get; set; } = 64;

    /// <summary>
    /// How long a job's page may wait for its host's turn (a Crawl-delay taken in turns by every copy, a Retry-After);
    /// its <c>timeout_ms</c> counts from the turn. Past it the page fails as rate_limited.
    /// </summary>
    [Range(1_000, 3_600_000)]
    public int HostTurnWaitMs { get; set; } = 600_000;

    /// <summary>How long a finished job's state and results are kept.</summary>
    [Range(60, 30 * 24 * 3600)]
    public int RetentionSeconds { get; set; } = 24 * 3600;

    /// <summary>A frontier entry claimed by a copy that stopped renewing it for this long is reclaimed by another copy.</summary>
    [Range(500, 3_600_000)]
    public int ReclaimIdleMs { get; set; } = 15_000;

    /// <summary>
    /// Times an entry may be taken without being acknowledged (its copy died each time: a page that crashes its
    /// process, say) before it is stored as failed instead of being handed to the next copy.
    /// </summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>How often a copy renews its claims and looks for entries to reclaim (well under <see cref="ReclaimIdleMs"/>).</summary>
    [Range(100, 600_000)]
    public int ClaimRenewMs { get; set; } = 3_000;

    /// <summary>How often an idle copy looks for new work (jobs are also announced over pub/sub).</summary>
    [Range(10, 60_000)]
    public int PollMs { get; set; } = 250;

    /// <summary>
    /// Distinct URLs one job remembers (admitted or skipped), so that a site of endless generated links cannot grow
    /// its frontier's memory without bound; past it, new URLs are skipped as over budget.
    /// </summary>
    [Range(1000, 100_000_000)]
    public int MaxRememberedUrlsPerJob { get; set; } = 1_000_000;

    /// <summary>Links taken from one page (the extractor returns at most its own cap).</summary>
    [Range(1, 100_000)]
    public int MaxLinksPerPage { get; set; } = 2_000;

    /// <summary>Bytes of stored results one job may hold; past it the job ends as failed with that reason.</summary>
    [Range(1024, 64L * 1024 * 1024 * 1024)]
    public long MaxResultBytesPerJob { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest page of GET /jobs/{id}/results.</summary>
    [Range(1, 10_000)]
    public int MaxResultsPerPage { get; set; } = 1_000;

    /// <summary>Sitemap files read for one job or map (indexes count).</summary>
    [Range(1, 10_000)]
    public int MaxSitemapFiles { get; set; } = 50;

    /// <summary>Largest sitemap file, after decompression (the protocol's own limit is 50 MB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxSitemapBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most links POST /map returns.</summary>
    [Range(1, 1_000_000)]
    public int MaxMapLinks { get; set; } = 5_000;

    /// <summary>The HMAC key of webhook signatures; webhooks are refused while it is empty.</summary>
    public string? WebhookSecret { get; set; }

    [Range(1, 20)]
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>First retry delay of a webhook; each further retry doubles it.</summary>
    [Range(1, 600_000)]
    public int WebhookBackoffMs { get; set; } = 500;

    [Range(100, 120_000)]
    public int WebhookTimeoutMs { get; set; } = 10_000;

    /// <summary>Webhook deliveries waiting in one copy; a job's crawl waits when they are full.</summary>
    [Range(1, 1_000_000)]
    public int WebhookQueue { get; set; } = 1_000;
}
