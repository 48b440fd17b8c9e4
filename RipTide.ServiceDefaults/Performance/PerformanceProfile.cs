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
    int DefaultRequestConcurrency)
{
    public const string Default = "default";
    public const string HighThroughput = "high_throughput";
    public const string LowLatency = "low_latency";

    public static readonly IReadOnlyList<string> Names = [Default, HighThroughput, LowLatency];

    public static PerformanceProfile Resolve(PerformanceOptions options, int cpuCount)
    {
        var cpus = Math.Max(1, cpuCount);
        var (requests, extractions, buffer, gate, pool, concurrency) = options.Profile switch
        {
            Default => (4, 2, 1000, 1, 2, 2),
            HighThroughput => (8, 4, 2000, 2, 4, 4),
            LowLatency => (2, 1, 500, 1, 1, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Profile, "Unknown performance profile."),
        };

        return new PerformanceProfile(
            options.Profile,
            options.MaxConcurrentRequests ?? requests * cpus,
            options.MaxConcurrentExtractions ?? extractions * cpus,
            options.PipelineBuffer ?? buffer,
            options.GateWorkers ?? gate * cpus,
            options.ExtractorPoolSize ?? Math.Max(2, pool * cpus),
            options.DefaultRequestConcurrency ?? Math.Max(2, concurrency * cpus));
    }
}
