using System.Globalization;
using System.Net;
using System.Text;

namespace RipTide.Bench.Load;

/// <summary>
/// An SVG picture of a progressive load test for docs/BENCHMARKS.md: throughput (bars, left axis) and p95 /
/// p99 latency (lines, right axis) per connection level. Plain SVG, so it renders on GitHub and in any browser.
/// </summary>
public static class LoadChart
{
    private const int Width = 720, Height = 360, Left = 70, Right = 70, Top = 40, Bottom = 50;

    public static string Svg(LoadReport report)
    {
        var levels = report.Levels;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var maxRate = Nice(levels.Max(level => level.RequestsPerSecond));
        var maxLatency = Nice(levels.Max(level => level.LatencyMs.P99));
        var slot = plotWidth / (double)levels.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="{Width / 2}" y="22" text-anchor="middle" font-size="14">{WebUtility.HtmlEncode($"POST {report.Endpoint}, {(report.Cached ? "cached" : "uncached")}: req/s (bars) and latency (lines) by connections")}</text>
            <line x1="{Left}" y1="{Top + plotHeight}" x2="{Left + plotWidth}" y2="{Top + plotHeight}" stroke="#333"/>
            <text x="18" y="{Top + plotHeight / 2}" transform="rotate(-90 18 {Top + plotHeight / 2})" text-anchor="middle">requests/s</text>
            <text x="{Width - 14}" y="{Top + plotHeight / 2}" transform="rotate(90 {Width - 14} {Top + plotHeight / 2})" text-anchor="middle">latency ms</text>
            """);
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = Top + plotHeight - (plotHeight * tick / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"""
                <line x1="{Left}" y1="{y:0.#}" x2="{Left + plotWidth}" y2="{y:0.#}" stroke="#ddd"/>
                <text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{maxRate * tick / 4:0}</text>
                <text x="{Left + plotWidth + 6}" y="{y + 4:0.#}">{maxLatency * tick / 4:0}</text>
                """);
        }

        var p95 = new StringBuilder();
        var p99 = new StringBuilder();
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            var x = Left + slot * i;
            var barHeight = plotHeight * level.RequestsPerSecond / maxRate;
            var center = x + slot / 2;
            svg.Append(CultureInfo.InvariantCulture, $"""
                <rect x="{x + slot * 0.2:0.#}" y="{Top + plotHeight - barHeight:0.#}" width="{slot * 0.6:0.#}" height="{barHeight:0.#}" fill="#4a90d9"/>
                <text x="{center:0.#}" y="{Top + plotHeight + 18}" text-anchor="middle">{level.Connections}</text>
                """);
            p95.Append(CultureInfo.InvariantCulture, $"{center:0.#},{Top + plotHeight - (plotHeight * level.LatencyMs.P95 / maxLatency):0.#} ");
            p99.Append(CultureInfo.InvariantCulture, $"{center:0.#},{Top + plotHeight - (plotHeight * level.LatencyMs.P99 / maxLatency):0.#} ");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""
            <polyline points="{p95}" fill="none" stroke="#e67e22" stroke-width="2"/>
            <polyline points="{p99}" fill="none" stroke="#c0392b" stroke-width="2" stroke-dasharray="5,3"/>
            <text x="{Left + plotWidth / 2}" y="{Height - 12}" text-anchor="middle">connections</text>
            <rect x="{Left + 8}" y="{Top + 4}" width="10" height="10" fill="#4a90d9"/><text x="{Left + 22}" y="{Top + 13}">req/s</text>
            <line x1="{Left + 70}" y1="{Top + 9}" x2="{Left + 90}" y2="{Top + 9}" stroke="#e67e22" stroke-width="2"/><text x="{Left + 94}" y="{Top + 13}">p95</text>
            <line x1="{Left + 130}" y1="{Top + 9}" x2="{Left + 150}" y2="{Top + 9}" stroke="#c0392b" stroke-width="2" stroke-dasharray="5,3"/><text x="{Left + 154}" y="{Top + 13}">p99</text>
            </svg>
            """);
        return svg.ToString();
    }

    /// <summary>A round axis maximum at or above <paramref name="value"/> (1, 2 or 5 times a power of ten).</summary>
    private static double Nice(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2, 5, 10 }.Select(step => step * power).First(candidate => candidate >= value);
    }
}
