using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>How the crawler treats each site (<c>RipTide:Politeness</c>): robots.txt, pacing and back-off.</summary>
public sealed class PolitenessOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Politeness";

    /// <summary>How long a host's robots.txt is trusted before it is fetched again.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int RobotsTtlSeconds { get; set; } = 3600;

    /// <summary>How long a robots.txt that could not be fetched (network error, 5xx) is remembered.</summary>
    [Range(1, 24 * 3600)]
    public int RobotsFailureTtlSeconds { get; set; } = 60;

    [Range(100, 120_000)]
    public int RobotsTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Requests to one host in flight at once, across every crawl and every Api copy (Redis-held leases; each
    /// copy on its own while Redis is down). The one per-host limit: the connection pool allows the same, and a
    /// request may lower it for itself (<c>options.per_host_concurrency</c>).
    /// </summary>
    [Range(1, 1000)]
    public int PerHostConcurrency { get; set; } = 8;

    /// <summary>Minimum time between two request starts to one host; robots.txt Crawl-delay raises it.</summary>
    [Range(0, 600_000)]
    public int PerHostDelayMs { get; set; }

    /// <summary>Upper bound of an honoured Crawl-delay, so a hostile robots.txt cannot stall a host for days.</summary>
    [Range(0, 3600)]
    public int MaxCrawlDelaySeconds { get; set; } = 30;

    /// <summary>Upper bound of an honoured Retry-After.</summary>
    [Range(0, 3600)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Retries of one URL after a 429 or 503, within its deadline.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Back-off before a retry when a 429/503 has no Retry-After; doubles each attempt.</summary>
    [Range(1, 60_000)]
    public int RetryBackoffMs { get; set; } = 500;

    /// <summary>Hosts remembered (robots.txt, pacing); idle ones are forgotten beyond it.</summary>
    [Range(10, 10_000_000)]
    public int MaxHosts { get; set; } = 10_000;
}
