using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Bench.Cli;
using RipTide.Bench.Load;
using RipTide.Bench.Processes;

namespace RipTide.Bench.Tune;

/// <summary>
/// <c>tune</c>: the concurrency optimiser. Crawls the URL list uncached once per candidate
/// <c>options.concurrency</c> (default 1, 2, 3, 5, 8, 10) and keeps the best throughput-per-latency score
/// (pages/s divided by the mean per-URL time in seconds).
/// </summary>
public static class TuneCommand
{
    private sealed record Trial(int Concurrency, int Pages, int Failed, double Seconds, double PagesPerSecond, double AvgUrlMs, double P95UrlMs, IReadOnlyDictionary<string, double> CpuMsPerPage)
    {
        public double Score => AvgUrlMs <= 0 ? 0 : PagesPerSecond / (AvgUrlMs / 1000);
    }

    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var target = new Uri(args.Text("--target", "http://localhost:8080"));
        var candidates = args.Ints("--concurrencies", [1, 2, 3, 5, 8, 10]);
        var parallelRequests = args.Whole("--parallel-requests", 1, 1, 64);
        var urlsPerRequest = args.Whole("--urls-per-request", 100, 1, 10_000);
        await using var source = await UrlSource.OpenAsync(args, defaultPages: 50, cancellationToken);
        args.RejectUnknown();

        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(10) }.Authorized();
        var trials = new List<Trial>();
        foreach (var concurrency in candidates)
        {
            var trial = await RunTrialAsync(client, source.Urls, concurrency, urlsPerRequest, parallelRequests, cancellationToken);
            trials.Add(trial);
            await output.WriteLineAsync(FormattableString.Invariant(
                $"concurrency {concurrency,3}: {trial.PagesPerSecond,8:0.0} pages/s, mean URL {trial.AvgUrlMs,8:0.0} ms, score {trial.Score,8:0.0}"));
        }

        await output.WriteLineAsync();
        var services = trials.SelectMany(t => t.CpuMsPerPage.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        await output.WriteLineAsync(string.Concat(
            $"Concurrency optimiser: {source.Urls.Count} URLs, uncached, {urlsPerRequest} per request, {parallelRequests} request(s) at a time, against {target}\n\n",
            "| concurrency | pages/s | mean URL ms | p95 URL ms | failed | score |",
            string.Concat(services.Select(s => $" CPU ms/page {s.Replace("RipTide.", string.Empty, StringComparison.Ordinal)} |")),
            "\n|---:|---:|---:|---:|---:|---:|", string.Concat(services.Select(_ => "---:|"))));
        foreach (var t in trials)
        {
            await output.WriteLineAsync(string.Concat(
                FormattableString.Invariant($"| {t.Concurrency} | {t.PagesPerSecond:0.0} | {t.AvgUrlMs:0.0} | {t.P95UrlMs:0.0} | {t.Failed} | {t.Score:0.0} |"),
                string.Concat(services.Select(s => FormattableString.Invariant($" {t.CpuMsPerPage.GetValueOrDefault(s):0.00} |")))));
        }

        var best = trials.Where(t => t.Failed <= t.Pages / 100).MaxBy(t => t.Score) ?? trials.MaxBy(t => t.Score)!;
        await output.WriteLineAsync();
        await output.WriteLineAsync(FormattableString.Invariant(
            $"Recommended options.concurrency: {best.Concurrency} ({best.PagesPerSecond:0.0} pages/s at a mean {best.AvgUrlMs:0.0} ms per URL)."));
        return 0;
    }

    private static async Task<Trial> RunTrialAsync(HttpClient client, IReadOnlyList<string> urls, int concurrency, int urlsPerRequest, int parallelRequests, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var failed = 0;
        var before = ServiceProcesses.Sample();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(urls.Chunk(urlsPerRequest), new ParallelOptions { MaxDegreeOfParallelism = parallelRequests, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var body = new Dictionary<string, object> { ["urls"] = chunk, ["options"] = new Dictionary<string, object> { ["concurrency"] = concurrency, ["cache_mode"] = "bypass" } };
            using var response = await client.PostAsJsonAsync("/crawl", body, token);
            if (!response.IsSuccessStatusCode)
            {
                lock (times)
                {
                    failed += chunk.Length;
                }

                return;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
            lock (times)
            {
                failed += document.RootElement.GetProperty("failed").GetInt32();
                times.AddRange(document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("processing_time_ms").GetDouble()));
            }
        });
        clock.Stop();

        var cpu = ServiceProcesses.CpuBetween(before, ServiceProcesses.Sample());
        var latency = LatencyStats.Of(times);
        return new Trial(
            concurrency, urls.Count, failed, clock.Elapsed.TotalSeconds, (urls.Count - failed) / clock.Elapsed.TotalSeconds, latency.Mean, latency.P95,
            cpu.ToDictionary(pair => pair.Key, pair => pair.Value.TotalMilliseconds / urls.Count));
    }
}
