using RipTide.Bench.Cli;

namespace RipTide.Bench.Site;

/// <summary>
/// The generated test site: how many pages, on how many hosts (one port each), and the faults to inject:
/// latency (fixed or a range), an error rate (HTTP 500) and a share of slow bodies.
/// </summary>
public sealed record SiteOptions(
    int Port,
    int Hosts,
    int Pages,
    int Seed,
    int MinLatencyMs,
    int MaxLatencyMs,
    double ErrorRate,
    double SlowBodyRate)
{
    public static SiteOptions Parse(Args args)
    {
        var latency = args.Text("--latency", "0");
        var parts = latency.Split('-', 2);
        if (!int.TryParse(parts[0], out var min) || !int.TryParse(parts[^1], out var max) || min < 0 || max < min || max > 60_000)
        {
            throw new ArgumentException("--latency is milliseconds, fixed (100) or a range (50-200), at most 60000.");
        }

        return new SiteOptions(
            args.Whole("--port", 0, 0, 65535),
            args.Whole("--hosts", 1, 1, 64),
            args.Whole("--pages", 1000, 1, 1_000_000),
            args.Whole("--seed", 42),
            min,
            max,
            args.Number("--error-rate", 0, 0, 1),
            args.Number("--slow-body-rate", 0, 0, 1));
    }
}
