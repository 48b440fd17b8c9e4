using System.Globalization;
using RipTide.Dashboard.Metrics;

namespace RipTide.Dashboard.Kpis;

/// <summary>
/// The seed KPIs from the cluster history. Rates (throughput) use the last <see cref="ThroughputWindow"/>;
/// ratios (hit rate, error rate) the last <see cref="RatioWindow"/>, so that one slow second does not flip
/// the colour; latency, memory and CPU are the latest sample's.
/// </summary>
public static class KpiBoard
{
    public static readonly TimeSpan ThroughputWindow = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RatioWindow = TimeSpan.FromSeconds(60);
    private const double Gigabyte = 1024.0 * 1024 * 1024;

    public static IReadOnlyList<Kpi> From(MetricsHistory history)
    {
        var latest = history.Latest;
        var recent = history.Window(ThroughputWindow);
        var ratios = history.Window(RatioWindow);
        if (latest is null)
        {
            return [.. Names.Select(n => new Kpi(n.Name, "–", KpiLevel.NoData, n.Target, n.Good))];
        }

        var seconds = recent.Sum(s => s.Seconds);
        var throughput = seconds <= 0 ? 0 : recent.Sum(s => s.Requests) / seconds;
        var lookups = ratios.Sum(s => s.CacheHits + s.CacheMisses);
        var hitRate = lookups == 0 ? (double?)null : ratios.Sum(s => s.CacheHits) / (double)lookups;
        var attempts = Math.Max(ratios.Sum(s => s.Urls), ratios.Sum(s => s.Requests));
        var errorRate = attempts == 0 ? (double?)null : Math.Min(1, ratios.Sum(s => s.Errors) / (double)attempts);
        var p95Seconds = latest.LatencyP95Ms / 1000;
        var memory = latest.Replicas.Sum(r => r.WorkingSetBytes) / Gigabyte;
        var cpu = latest.Replicas.Sum(r => r.CpuUsage) * 100;

        return
        [
            new(Names[0].Name, Format(p95Seconds, "0.00 s"), Kpi.Below(p95Seconds, 2, 5), Names[0].Target, Names[0].Good),
            new(Names[1].Name, Format(throughput, "0.0 req/s"), Kpi.Above(throughput, 100, 50), Names[1].Target, Names[1].Good),
            Ratio(Names[2], hitRate, rate => Kpi.Above(rate * 100, 70, 50)),
            Ratio(Names[3], errorRate, rate => Kpi.Below(rate * 100, 1, 5)),
            new(Names[4].Name, Format(memory, "0.00 GB"), Kpi.Below(memory, 2, 4), Names[4].Target, Names[4].Good),
            new(Names[5].Name, Format(cpu, "0 '%'"), Kpi.Below(cpu, 60, 80), Names[5].Target, Names[5].Good),
        ];
    }

    private static readonly (string Name, string Target, string Good)[] Names =
    [
        ("Response time p95", "< 2 s", "< 5 s"),
        ("Throughput", "> 100 req/s", "> 50 req/s"),
        ("Cache hit rate", "> 70 %", "> 50 %"),
        ("Error rate", "< 1 %", "< 5 %"),
        ("Memory", "< 2 GB", "< 4 GB"),
        ("CPU", "< 60 %", "< 80 %"),
    ];

    private static Kpi Ratio((string Name, string Target, string Good) row, double? ratio, Func<double, KpiLevel> level) =>
        ratio is { } value
            ? new Kpi(row.Name, Format(value * 100, "0.0 '%'"), level(value), row.Target, row.Good)
            : new Kpi(row.Name, "–", KpiLevel.NoData, row.Target, row.Good);

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
