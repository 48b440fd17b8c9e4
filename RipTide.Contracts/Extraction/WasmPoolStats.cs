namespace RipTide.Contracts.Extraction;

/// <summary>GET /admin/wasm/stats: the extraction sandbox's pool.</summary>
public sealed record WasmPoolStats(
    int PoolSize,
    int InUse,
    long Waits,
    long Extractions,
    long Failures,
    long Traps,
    long Timeouts,
    long OutOfMemory,
    long Recycles,
    long Resets,
    long Overloaded,
    double P50Ms,
    double P95Ms,
    long PeakMemoryBytes,
    IReadOnlyList<long> SlotMemoryBytes,
    string ModuleSha256)
{
    /// <summary>Calls stopped because their caller gave up (the request's deadline passed or it was cancelled).</summary>
    public long Cancelled { get; init; }

    /// <summary>Pages refused because they nest elements too deeply.</summary>
    public long TooComplex { get; init; }
}
