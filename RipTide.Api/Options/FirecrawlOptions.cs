using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>The Firecrawl-compatible routes (/v2/…).</summary>
public sealed class FirecrawlOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Firecrawl";

    /// <summary>Documents per status answer of a crawl or batch; the rest follow through its <c>next</c> URL.</summary>
    [Range(1, 1000)]
    public int StatusPageSize { get; set; } = 100;

    /// <summary>The most results GET …/errors reads looking for failures (a job's results are read in pages).</summary>
    [Range(1, 1_000_000)]
    public int MaxErrorScan { get; set; } = 10_000;
}
