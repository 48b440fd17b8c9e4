using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>Limits and defaults of POST /crawl.</summary>
public sealed class CrawlLimitsOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Crawl";

    [Range(1, 10_000)]
    public int MaxUrls { get; set; } = 100;

    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 64;

    [Range(100, 600_000)]
    public int DefaultTimeoutMs { get; set; } = 30_000;

    [Range(100, 600_000)]
    public int MaxTimeoutMs { get; set; } = 120_000;

    [Range(1024, 64L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest POST /extract body (it may carry a whole HTML document).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxExtractRequestBytes { get; set; } = 16L * 1024 * 1024;

    [Range(1, 365 * 24 * 3600)]
    public int MaxCacheTtlSeconds { get; set; } = 30 * 24 * 3600;

    /// <summary>Idle time after which POST /crawl/stream writes a heartbeat line.</summary>
    [Range(100, 300_000)]
    public int StreamHeartbeatMs { get; set; } = 10_000;

    [Range(1, 8192)]
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>Part of every cache key: a new extractor version never serves documents made by an old one.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ExtractorVersion { get; set; } = "riptide-guest-2";
}
