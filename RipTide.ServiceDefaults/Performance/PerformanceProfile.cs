namespace RipTide.ServiceDefaults.Performance;

/// <summary>
/// The resolved limits of this process: the profile's multiples of the CPU count, with any configured
/// override taking precedence (ARCHITECTURE.md, "Performance profiles").
/// </summary>
public sealed record PerformanceProfile(
    string Name,
    int MaxConcurrentRequests,
    int MaxConcurrentExtractions,
    int PipelineBuffer,
    int GateWorkers,
    int ExtractorPoolSize,
    int DefaultRequestConcurrency,
    int ConcurrentRenders)
{
    public const string Default = "default";
    public const string HighThroughput = "high_throughput";
    public const string LowLatency = "low_latency";

    public static readonly IReadOnlyList<string> Names = [Default, HighThroughput, LowLatency];

    public static PerformanceProfile Resolve(PerformanceOptions options, int cpuCount)
    {
        var cpus = Math.Max(1, cpuCount);
        // Renders per CPU: a rendering page keeps Chromium's renderer busy for most of its life and holds
        // ~50-150 MB, so even the throughput profile renders only twice as many pages as it has cores.
        var (requests, extractions, buffer, gate, pool, concurrency, renders) = options.Profile switch
        {
            Default => (4, 2, 1000, 1, 2, 2, 1),
            HighThroughput => (8, 4, 2000, 2, 4, 4, 2),
            LowLatency => (2, 1, 500, 1, 1, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Profile, "Unknown performance profile."),
        };

        return new PerformanceProfile(
            options.Profile,
            options.MaxConcurrentRequests ?? requests * cpus,
            options.MaxConcurrentExtractions ?? extractions * cpus,
            options.PipelineBuffer ?? buffer,
            options.GateWorkers ?? gate * cpus,
            options.ExtractorPoolSize ?? Math.Max(2, pool * cpus),
            options.DefaultRequestConcurrency ?? Math.Max(2, concurrency * cpus),
            options.ConcurrentRenders ?? Math.Max(2, renders * cpus));
    }
}
