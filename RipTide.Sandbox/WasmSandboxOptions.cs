using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Sandbox;

/// <summary>Limits of the WebAssembly extraction sandbox.</summary>
public sealed class WasmSandboxOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Wasm";

    /// <summary>The module; relative paths are under the application's folder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModulePath { get; set; } = "Wasm/riptide_guest.wasm";

    /// <summary>Where the compiled module is cached between starts; empty for the system temp folder.</summary>
    public string? CompiledCacheDirectory { get; set; }

    /// <summary>Instances in the pool; 0 takes the performance profile's extractor pool size.</summary>
    [Range(0, 256)]
    public int PoolSize { get; set; }

    /// <summary>Linear-memory cap of one instance: growth beyond it fails inside the guest.</summary>
    [Range(16L * 1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long MaxMemoryBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Wall-clock budget of one extraction.</summary>
    [Range(10, 600_000)]
    public int DeadlineMs { get; set; } = 10_000;

    /// <summary>Largest HTML handed to the guest.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxInputBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>An instance is replaced after this many calls…</summary>
    [Range(1, 10_000_000)]
    public int RecycleAfterCalls { get; set; } = 5000;

    /// <summary>…or once its memory (which never shrinks) exceeds this.</summary>
    [Range(1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long RecycleAboveBytes { get; set; } = 128L * 1024 * 1024;

    [Range(1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long WarnMemoryBytes { get; set; } = 100L * 1024 * 1024;

    [Range(1024 * 1024, 4L * 1024 * 1024 * 1024)]
    public long CriticalMemoryBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>
    /// Pages this large or larger take longer to extract, so they share at most half the pool: however many
    /// of them arrive (one client's hostile pages, a burst of huge ones), ordinary pages still find a slot.
    /// </summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long HeavyInputBytes { get; set; } = 256 * 1024;

    /// <summary>Callers allowed to wait for a slot; beyond that, extraction answers "overloaded" at once.</summary>
    [Range(0, 1_000_000)]
    public int MaxWaiting { get; set; } = 1000;

    /// <summary>
    /// Writes /tmp/perf-PID.map so that Linux <c>perf</c> names the guest's functions (how docs/BENCHMARKS.md
    /// found where extraction time goes). Costs a little at module load only; off by default.
    /// </summary>
    public bool PerfMap { get; set; }

    public int EffectivePoolSize => PoolSize > 0 ? PoolSize : Math.Max(2, Environment.ProcessorCount * 2);
}
