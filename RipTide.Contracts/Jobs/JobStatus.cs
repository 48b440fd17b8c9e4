namespace RipTide.Contracts.Jobs;

/// <summary>Answer of POST /jobs (202): where to follow the job.</summary>
public sealed record JobAccepted(string Id, string Status, string StatusUrl, string ResultsUrl, string StreamUrl);

/// <summary>GET /jobs/{id}: the job's state, counts and timings.</summary>
public sealed record JobStatus(
    string Id,
    string Status,
    string? Reason,
    string Kind,
    IReadOnlyList<string> Seeds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JobCounts Counts,
    double PagesPerSecond,
    JobWebhookCounts? Webhook);

/// <summary>
/// A job's counts. <see cref="Discovered"/>: distinct URLs seen; <see cref="Queued"/>: waiting or in flight;
/// <see cref="Crawled"/>: pages fetched and finished (<see cref="Succeeded"/> + <see cref="Failed"/> + those
/// found to duplicate another page after the fetch); <see cref="Skipped"/>: by reason, never fetched.
/// </summary>
public sealed record JobCounts(
    long Discovered,
    long Queued,
    long Crawled,
    long Succeeded,
    long Failed,
    IReadOnlyDictionary<string, long> Skipped);

public sealed record JobWebhookCounts(long Delivered, long Failed, long Retries);

/// <summary>GET /jobs: the caller's recent jobs, newest first.</summary>
public sealed record JobList(IReadOnlyList<JobStatus> Jobs, string? NextCursor);

/// <summary>POST /map: discovers a site's URLs from its sitemaps and the links of its start page.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record MapRequest(string? Url, int? Limit = null, string? Sitemap = null, string? Search = null, bool? IncludeSubdomains = null);

public sealed record MapResponse(string Url, IReadOnlyList<string> Links, MapSources Sources);

/// <summary>How many of the links came from each source (before the limit).</summary>
public sealed record MapSources(int Sitemap, int Page);

/// <summary>GET /admin/jobs/{id}: a job with its newest pages, for operators.</summary>
public sealed record JobDetail(JobStatus Job, IReadOnlyList<JobPageSummary> Newest);

/// <summary>One stored page in brief.</summary>
public sealed record JobPageSummary(string Url, int Status, string? Title, string? ErrorType, int Depth);
