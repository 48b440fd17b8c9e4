using System.Globalization;

namespace RipTide.Bench.Processes;

/// <summary>CPU time and resident memory of one process at one moment, read from /proc.</summary>
public sealed record ProcessSample(string Service, int Pid, TimeSpan Cpu, long RssBytes);

/// <summary>
/// Finds the RipTide services running on this machine (their command lines name the project) and samples
/// their CPU time and RSS from /proc. Linux only; elsewhere it finds nothing and the reports say so.
/// </summary>
public static class ServiceProcesses
{
    /// <summary>
    /// The services, and the redis-server the AppHost starts by its full path (<c>/usr/bin/redis-server host:port</c>).
    /// The Renderer is its .NET process (with the browsers it has already reaped): live browsers are measured by <c>bench render</c>.
    /// </summary>
    public static readonly string[] Services = ["RipTide.Gateway", "RipTide.Api", "RipTide.Extractor", "RipTide.Dashboard", "RipTide.Renderer", "redis-server"];

    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Every running RipTide service process (an Api with several copies gives several samples).</summary>
    public static IReadOnlyList<ProcessSample> Sample()
    {
        var samples = new List<ProcessSample>();
        if (!Directory.Exists("/proc"))
        {
            return samples;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                // The service itself (its dll or apphost), not the `dotnet run` wrapper that launched it.
                var service = Services.FirstOrDefault(name =>
                    commandLine.Contains($"{name}.dll", StringComparison.Ordinal) || commandLine.Contains($"/{name} ", StringComparison.Ordinal));
                if (service is null || commandLine.Contains(" run ", StringComparison.Ordinal))
                {
                    continue;
                }

                samples.Add(new ProcessSample(service, pid, Cpu(directory), Rss(directory)));
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return samples;
    }

    /// <summary>A service's RSS in MB, summed over its processes (the Api runs as several copies).</summary>
    public static double RssMb(IReadOnlyList<ProcessSample> processes, string service) =>
        processes.Where(p => p.Service == service).Sum(p => p.RssBytes) / 1048576.0;

    /// <summary>CPU used by each service between two samples, summed over its processes.</summary>
    public static Dictionary<string, TimeSpan> CpuBetween(IReadOnlyList<ProcessSample> before, IReadOnlyList<ProcessSample> after) =>
        after.GroupBy(sample => sample.Service).ToDictionary(
            group => group.Key,
            group => group.Aggregate(TimeSpan.Zero, (sum, sample) =>
                sum + sample.Cpu - (before.FirstOrDefault(b => b.Pid == sample.Pid)?.Cpu ?? sample.Cpu)));

    private static TimeSpan Cpu(string directory)
    {
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15, then cutime 16 and
        // cstime 17: the CPU of children the process waited for. redis-server forks to rewrite its append-only
        // file, and that child's work (compressing the whole data set) is the server's cost of the results stored.
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long Rss(string directory)
    {
        foreach (var line in File.ReadLines(Path.Combine(directory, "status")))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
