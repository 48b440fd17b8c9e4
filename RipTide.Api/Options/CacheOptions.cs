using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>The crawl cache (<c>RipTide:Cache</c>): TTL strategies, compression, batching and re-warming.</summary>
public sealed class CacheOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Cache";

    /// <summary><c>auto</c> picks a strategy per page; <c>aggressive</c>, <c>balanced</c> or <c>conservative</c> fixes one.</summary>
    [RegularExpression("^(auto|aggressive|balanced|conservative)$")]
    public string Strategy { get; set; } = "auto";

    /// <summary>Documents, references, files: content that rarely changes.</summary>
    [Range(1, 30 * 24 * 3600)]
    public int AggressiveTtlSeconds { get; set; } = 3600;

    /// <summary>News, blogs and everything else.</summary>
    [Range(1, 30 * 24 * 3600)]
    public int BalancedTtlSeconds { get; set; } = 1800;

    /// <summary>Live pages, feeds, front pages: content that changes by the minute.</summary>
    [Range(1, 30 * 24 * 3600)]
    public int ConservativeTtlSeconds { get; set; } = 600;

    /// <summary>Values larger than this are stored gzip-compressed.</summary>
    [Range(0, 64 * 1024 * 1024)]
    public int CompressAboveBytes { get; set; } = 1024;

    /// <summary>Keys per pipelined read or write batch.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Warm requests (each a URL list) queued for the background warmer; more are refused with 503.</summary>
    [Range(1, 100_000)]
    public int MaxQueuedWarmRequests { get; set; } = 100;

    /// <summary>URLs queued or being warmed, in all: the warmer's own budget, apart from client admission.</summary>
    [Range(1, 10_000_000)]
    public int MaxQueuedWarmUrls { get; set; } = 10_000;

    /// <summary>Warm requests one caller (key, or client network) may have queued or running; more get 429.</summary>
    [Range(1, 100_000)]
    public int MaxQueuedWarmRequestsPerCaller { get; set; } = 10;

    /// <summary>URLs of one warm request crawled at once, at most: warming is background work.</summary>
    [Range(1, 64)]
    public int WarmConcurrency { get; set; } = 4;

    /// <summary>Set the server's memory cap and volatile-lru eviction at start (see CacheServerTuning).</summary>
    public bool ConfigureServer { get; set; } = true;

    [Range(16, 1024 * 1024)]
    public int ServerMaxMemoryMegabytes { get; set; } = 512;

    /// <summary>Re-crawl the most requested URLs before their entries expire.</summary>
    public bool RewarmEnabled { get; set; }

    [Range(1, 1000)]
    public int RewarmTopN { get; set; } = 20;

    [Range(10, 24 * 3600)]
    public int RewarmIntervalSeconds { get; set; } = 300;

    /// <summary>How far back popularity is counted, in minutes (one bucket per minute).</summary>
    [Range(1, 1440)]
    public int PopularWindowMinutes { get; set; } = 60;
}
