using System.Diagnostics;

namespace RipTide.LiveMetrics;

/// <summary>
/// This process's CPU use since the previous reading, as a share of the whole machine (1.0 = every core
/// busy), and its working set. One reader per process: readings are deltas.
/// </summary>
/// <remarks>
/// Read every second in every service, so it reads cheaply: CPU from <see cref="Environment.CpuUsage"/> (one
/// getrusage call) and, on Linux, the resident size from <c>/proc/self/statm</c>. <c>Process.WorkingSet64</c>
/// reads the same figure but first opens the stat file of every thread of the process (about 220 system calls
/// a second in an Api copy with 36 threads), a cost paid whatever the load.
/// </remarks>
public sealed class ProcessUsage(TimeProvider time)
{
    private const string StatmPath = "/proc/self/statm";
    private readonly Lock _lock = new();
    private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;
    private long _lastTimestamp = time.GetTimestamp();

    public (double CpuUsage, long WorkingSetBytes) Read()
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var now = time.GetTimestamp();
        double usage;
        lock (_lock)
        {
            var wall = time.GetElapsedTime(_lastTimestamp, now);
            usage = wall <= TimeSpan.Zero ? 0 : (cpu - _lastCpu) / wall / Environment.ProcessorCount;
            _lastCpu = cpu;
            _lastTimestamp = now;
        }

        return (Math.Round(Math.Clamp(usage, 0, 1), 4), WorkingSetBytes());
    }

    /// <summary>The resident set: the second figure of statm, in pages; elsewhere (or if it cannot be read) the process's own account.</summary>
    public static long WorkingSetBytes()
    {
        if (OperatingSystem.IsLinux() && TryReadResidentPages(out var pages))
        {
            return pages * Environment.SystemPageSize;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static bool TryReadResidentPages(out long pages)
    {
        pages = 0;
        try
        {
            // "size resident shared text lib data dt", in pages, on one short line.
            Span<byte> line = stackalloc byte[128];
            using var file = File.OpenHandle(StatmPath);
            var read = RandomAccess.Read(file, line, 0);
            var fields = line[..read];
            var firstSpace = fields.IndexOf((byte)' ');
            if (firstSpace < 0)
            {
                return false;
            }

            var rest = fields[(firstSpace + 1)..];
            var secondSpace = rest.IndexOf((byte)' ');
            return System.Buffers.Text.Utf8Parser.TryParse(secondSpace < 0 ? rest : rest[..secondSpace], out pages, out _);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
