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
    string ModuleSha256);
