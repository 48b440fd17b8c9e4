using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RipTide.Bench.Load;

/// <summary>A progressive load test's result: the levels, and what they suggest.</summary>
public sealed record LoadReport(string Target, string Endpoint, bool Cached, int UrlsPerRequest, IReadOnlyList<LoadLevel> Levels)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The best level (highest throughput with under 1 % errors and p95 under the seed's 2 s target), where
    /// throughput stops growing, and any level that failed the error budget.
    /// </summary>
    public IReadOnlyList<string> Recommendations()
    {
        var notes = new List<string>();
        var healthy = Levels.Where(level => level.ErrorRate < 0.01 && level.LatencyMs.P95 < 2000).ToList();
        if (healthy.MaxBy(level => level.RequestsPerSecond) is { } best)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Best: {best.Connections} connections, {best.RequestsPerSecond:0.#} req/s at p95 {best.LatencyMs.P95:0.#} ms."));
        }
        else
        {
            notes.Add("No level stayed under 1 % errors and a 2 s p95: find the bottleneck before adding load.");
        }

        for (var i = 1; i < Levels.Count; i++)
        {
            var (previous, current) = (Levels[i - 1], Levels[i]);
            if (current.RequestsPerSecond < previous.RequestsPerSecond * 1.1 && current.LatencyMs.P95 > previous.LatencyMs.P95 * 1.5)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Saturated from {previous.Connections} connections: going to {current.Connections} added {100 * (current.RequestsPerSecond / previous.RequestsPerSecond - 1):0}% throughput but {100 * (current.LatencyMs.P95 / previous.LatencyMs.P95 - 1):0}% p95."));
                break;
            }
        }

        foreach (var level in Levels.Where(level => level.ErrorRate >= 0.01))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{level.Connections} connections: {level.ErrorRate:P1} errors (budget 1 %)."));
        }

        return notes;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load test: POST {Endpoint} at {Target}, {(Cached ? "cached" : "uncached (cache_mode bypass)")}, {UrlsPerRequest} URL(s) per request");
        text.AppendLine();
        var services = Levels.SelectMany(level => level.CpuMsPerPage.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        text.Append("| connections | requests | req/s | pages/s | p50 ms | p95 ms | p99 ms | errors |");
        foreach (var service in services)
        {
            text.Append(CultureInfo.InvariantCulture, $" CPU ms/page {service.Replace("RipTide.", string.Empty, StringComparison.Ordinal)} |");
        }

        text.AppendLine();
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|" + string.Concat(services.Select(_ => "---:|")));
        foreach (var level in Levels)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {level.Connections} | {level.Requests} | {level.RequestsPerSecond:0.0} | {level.PagesPerSecond:0.0} | {level.LatencyMs.P50:0.0} | {level.LatencyMs.P95:0.0} | {level.LatencyMs.P99:0.0} | {level.ErrorRate:P2} |");
            foreach (var service in services)
            {
                text.Append(CultureInfo.InvariantCulture, $" {level.CpuMsPerPage.GetValueOrDefault(service):0.00} |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        foreach (var note in Recommendations())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new { Target, Endpoint, Cached, UrlsPerRequest, Levels, Recommendations = Recommendations() }, Json);
}
