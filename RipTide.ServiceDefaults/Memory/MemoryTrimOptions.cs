using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.ServiceDefaults.Memory;

/// <summary>When an idle service gives memory back (see <see cref="IdleMemoryTrimmer"/>).</summary>
public sealed class MemoryTrimOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Memory";

    /// <summary>How often the trimmer looks; 0 turns it off.</summary>
    [Range(0, 3600)]
    public int CheckSeconds { get; set; } = 15;

    /// <summary>
    /// Allocating less than this between two looks counts as idle. At rest a service allocates a few
    /// hundred kilobytes a second (metrics, health checks); one large page costs tens of megabytes.
    /// </summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024)]
    public long IdleAllocationBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Allocating at least this since the last trim makes the next idle look trim again: one large page is
    /// enough. At rest a service reaches it every ten minutes or so, and a trim of an idle heap costs milliseconds.
    /// </summary>
    [Range(1024 * 1024, 64L * 1024 * 1024 * 1024)]
    public long TrimAfterAllocatedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Quiet looks after a burst at which the trimmer trims (eight looks of 15 s: two minutes).</summary>
    [Range(1, 1000)]
    public int TrimLooks { get; set; } = 8;
}
