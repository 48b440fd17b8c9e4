using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using RipTide.Bench.Cli;
using RipTide.Bench.Load;

namespace RipTide.Bench.Memory;

/// <summary>
/// <c>fairness</c>: what hostile pages cost everyone else. Times plain POST /extract calls alone, then while
/// other callers keep hostile ones in flight (100,000 nested elements, and 8 MB pages), side by side in one
/// run, and prints both latency distributions, their ratio, and how the hostile calls ended.
/// </summary>
public static class FairnessCommand
{
    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var target = new Uri(args.Text("--target", "http://localhost:8080"));
        var calls = args.Whole("--calls", 50, 1, 100_000);
        var hostileInFlight = args.Whole("--hostile", 4, 1, 256);
        args.RejectUnknown();

        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(5) }.Authorized();
        var plain = new { url = "https://plain.example/", html = Article() };
        var deep = new { url = "https://deep.example/", html = $"<html><body>{string.Concat(Enumerable.Repeat("<div>", 100_000))}deep</body></html>" };
        var large = new { url = "https://large.example/", html = string.Concat(Enumerable.Repeat("<p>The tide comes in and the tide goes out, twice a day, all year.</p>\n", 120_000)) };

        await TimeAsync(client, plain, 5, cancellationToken);
        var alone = await TimeAsync(client, plain, calls, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var endings = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var hostile = Enumerable.Range(0, hostileInFlight).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.PostAsJsonAsync("/extract", worker % 2 == 0 ? deep : large, stop.Token);
                    endings.AddOrUpdate($"{(worker % 2 == 0 ? "deep" : "8 MB")} → {(int)response.StatusCode}", 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var loaded = await TimeAsync(client, plain, calls, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(hostile);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Plain POST /extract (a 10 KB article), {calls} calls in a row, alone and with {hostileInFlight} hostile calls kept in flight by other callers");
        text.AppendLine();
        text.AppendLine("| plain extraction | p50 ms | p95 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| alone | {alone.P50:0.0} | {alone.P95:0.0} | {alone.Max:0.0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| with hostile pages in flight | {loaded.P50:0.0} | {loaded.P95:0.0} | {loaded.Max:0.0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| ratio | {loaded.P50 / alone.P50:0.0}× | {loaded.P95 / alone.P95:0.0}× | |");
        text.AppendLine();
        text.AppendLine("Hostile calls: " + string.Join(", ", endings.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value} × {e.Key}")));
        await output.WriteLineAsync(text.ToString());
        return 0;
    }

    private static async Task<LatencyStats> TimeAsync(HttpClient client, object body, int calls, CancellationToken cancellationToken)
    {
        var milliseconds = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsJsonAsync("/extract", body, cancellationToken);
            response.EnsureSuccessStatusCode();
            milliseconds.Add(clock.Elapsed.TotalMilliseconds);
        }

        return LatencyStats.Of(milliseconds);
    }

    private static string Article() =>
        "<html><head><title>Plain</title></head><body><article>"
        + string.Concat(Enumerable.Repeat("<p>Tidal streams move enormous volumes of water twice a day along the coast.</p>", 120))
        + "</article></body></html>";
}
