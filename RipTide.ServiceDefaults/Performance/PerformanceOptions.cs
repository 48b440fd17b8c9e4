using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.ServiceDefaults.Performance;

/// <summary>
/// <c>RipTide:Performance</c>: a profile (<c>default</c>, <c>high_throughput</c>, <c>low_latency</c>) whose
/// limits derive from the CPU count, and optional overrides of each limit.
/// </summary>
public sealed class PerformanceOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Performance";

    [Required(AllowEmptyStrings = false)]
    public string Profile { get; set; } = PerformanceProfile.Default;

    /// <summary>URL pipelines (fetch through extraction) in flight in one Api process.</summary>
    [Range(1, 100_000)]
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Calls to the Extractor in flight from one Api process.</summary>
    [Range(1, 100_000)]
    public int? MaxConcurrentExtractions { get; set; }

    /// <summary>URLs admitted (running or waiting) in one Api process; beyond it requests are shed with 503.</summary>
    [Range(1, 1_000_000)]
    public int? PipelineBuffer { get; set; }

    /// <summary>Gate analyses running at once (they are CPU work on the request threads).</summary>
    [Range(1, 10_000)]
    public int? GateWorkers { get; set; }

    /// <summary>Wasmtime instances in one Extractor process.</summary>
    [Range(1, 10_000)]
    public int? ExtractorPoolSize { get; set; }

    /// <summary>Default <c>options.concurrency</c> of a crawl request that does not set it.</summary>
    [Range(1, 1024)]
    public int? DefaultRequestConcurrency { get; set; }

    /// <summary>Pages rendering at once in one Renderer process (each in its own browser context).</summary>
    [Range(1, 1024)]
    public int? ConcurrentRenders { get; set; }
}
