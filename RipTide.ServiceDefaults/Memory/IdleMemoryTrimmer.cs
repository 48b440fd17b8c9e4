using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RipTide.ServiceDefaults.Memory;

/// <summary>
/// Gives memory back once a burst is over. A burst of large pages grows every layer (the GC's heaps, native
/// allocator arenas, the extraction sandbox's linear memories, Kestrel's and the shared array pool), and none
/// of them shrinks on its own while the machine has memory to spare: after 48 pages of 15 MB the Extractor sat
/// at 1.8 GB for good. When the service has allocated a lot since its last trim and then goes quiet, the
/// trimmer asks every <see cref="IIdleTrim"/> to let go of what it grew, runs an aggressive, compacting full
/// collection (which also decommits the freed heap), and asks glibc to return its free arenas to the system;
/// and again at every quiet look for <see cref="MemoryTrimOptions.TrimLooks"/> looks, because the pools let go
/// gradually (the shared array pool only of arrays unused for a minute, Kestrel's a part every ten seconds)
/// and only a collection returns what they dropped. Under load it does nothing: the memory is in use.
/// </summary>
public sealed partial class IdleMemoryTrimmer(
    IOptions<MemoryTrimOptions> options, IEnumerable<IIdleTrim> trims, TimeProvider time, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    private long _allocatedAtLastTrim = GC.GetTotalAllocatedBytes();

    public long Trims { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.CheckSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.CheckSeconds), time);
        var previous = GC.GetTotalAllocatedBytes();
        var looksLeft = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var allocated = GC.GetTotalAllocatedBytes();
                var idle = allocated - previous < settings.IdleAllocationBytes;
                previous = allocated;
                if (allocated - _allocatedAtLastTrim >= settings.TrimAfterAllocatedBytes)
                {
                    // A burst since the last trim: trim at the next quiet looks.
                    looksLeft = settings.TrimLooks;
                    _allocatedAtLastTrim = allocated;
                }

                if (idle && looksLeft > 0)
                {
                    looksLeft--;
                    Trim();
                    previous = _allocatedAtLastTrim = GC.GetTotalAllocatedBytes();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Lets go of grown memory now.</summary>
    public void Trim()
    {
        var before = Environment.WorkingSet;
        foreach (var trim in trims)
        {
            trim.TrimIdle();
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
        Trims++;
        LogTrimmed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
    }

    [LoggerMessage(9101, LogLevel.Information, "Idle after a burst: memory trimmed, working set {BeforeMb} MB -> {AfterMb} MB")]
    private static partial void LogTrimmed(ILogger logger, long beforeMb, long afterMb);

    /// <summary>glibc keeps freed memory in its arenas; <c>malloc_trim</c> returns it. Elsewhere, nothing to do.</summary>
    private static class NativeHeap
    {
        public static void Trim()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            try
            {
                _ = MallocTrim(0);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // musl and other C libraries have no malloc_trim; their allocators return memory themselves.
            }
        }

        // DllImport, not LibraryImport: the signature is blittable, and LibraryImport would need unsafe code on.
        [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int MallocTrim(nuint pad);
    }
}
