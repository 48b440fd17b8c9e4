using System.Diagnostics;

namespace RipTide.LiveMetrics;

/// <summary>
/// This process's CPU use since the previous reading, as a share of the whole machine (1.0 = every core
/// busy), and its working set. One reader per process: readings are deltas.
/// </summary>
public sealed class ProcessUsage(TimeProvider time)
{
    private readonly Lock _lock = new();
    private TimeSpan _lastCpu = CurrentCpu();
    private long _lastTimestamp = time.GetTimestamp();

    public (double CpuUsage, long WorkingSetBytes) Read()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var now = time.GetTimestamp();
        double usage;
        lock (_lock)
        {
            var wall = time.GetElapsedTime(_lastTimestamp, now);
            usage = wall <= TimeSpan.Zero ? 0 : (cpu - _lastCpu) / wall / Environment.ProcessorCount;
            _lastCpu = cpu;
            _lastTimestamp = now;
        }

        return (Math.Round(Math.Clamp(usage, 0, 1), 4), process.WorkingSet64);
    }

    private static TimeSpan CurrentCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
