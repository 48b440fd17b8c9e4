using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using RipTide.Bench.Cli;
using RipTide.Bench.Processes;

namespace RipTide.Bench.Memory;

/// <summary>
/// <c>burst</c>: does memory come back after a burst of maximum-size pages? Warms the services up with a few
/// ordinary pages (so "idle" means a service that has served, not one that has only started), reads every
/// service's RSS while idle, sends a burst of large pages through the gateway's POST /extract (gateway, Api and Extractor all hold
/// each page), then samples RSS for a while and prints, per service, idle, peak and end RSS and the end's
/// ratio to idle.
/// </summary>
public static class BurstCommand
{
    /// <summary>The default encoder writes every '&lt;' as six bytes, which would push a 15 MB page past the 16 MB limit.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var target = new Uri(args.Text("--target", "http://localhost:8080"));
        var pages = args.Whole("--pages", 48, 1, 10_000);
        var pageMb = args.Whole("--page-mb", 15, 1, 15);
        var concurrency = args.Whole("--concurrency", 4, 1, 64);
        var watch = args.Duration("--watch", TimeSpan.FromSeconds(150));
        var interval = args.Duration("--sample", TimeSpan.FromSeconds(5));
        var warmupPages = args.Whole("--warmup-pages", 16, 0, 10_000);
        var settle = args.Duration("--settle", TimeSpan.FromSeconds(30));
        args.RejectUnknown();

        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(5) }.Authorized();
        var ordinary = LargePage(100 * 1024);
        for (var i = 0; i < warmupPages; i++)
        {
            using var response = await client.PostAsJsonAsync("/extract", new { url = $"https://burst.example/warmup/{i}", html = ordinary }, RelaxedJson, cancellationToken);
        }

        await Task.Delay(settle, cancellationToken);
        var idle = ServiceProcesses.Sample();
        var body = LargePage(pageMb * 1024 * 1024);
        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)> { (clock.Elapsed, idle) };
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                samples.Add((clock.Elapsed, ServiceProcesses.Sample()));
            }
        }, CancellationToken.None);

        long ok = 0, failed = 0;
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, pages), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            try
            {
                using var response = await client.PostAsJsonAsync("/extract", new { url = $"https://burst.example/page/{i}", html = body }, RelaxedJson, token);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref ok : ref failed);
                if (!response.IsSuccessStatusCode)
                {
                    var problem = await response.Content.ReadAsStringAsync(token);
                    var type = System.Text.RegularExpressions.Regex.Match(problem, "\"error_type\":\"([a-z_]+)\"").Groups[1].Value;
                    failures.AddOrUpdate($"{(int)response.StatusCode} {type}", 1, (_, n) => n + 1);
                }
            }
            catch (HttpRequestException ex)
            {
                Interlocked.Increment(ref failed);
                failures.AddOrUpdate(ex.HttpRequestError.ToString(), 1, (_, n) => n + 1);
            }
        });
        var burstEnded = clock.Elapsed;
        await Task.Delay(watch, cancellationToken);
        await sampling.CancelAsync();
        await sampler;

        await output.WriteLineAsync(Report(samples, burstEnded, pages, pageMb, ok, failed));
        foreach (var (kind, count) in failures)
        {
            await output.WriteLineAsync($"failed: {count} × {kind}");
        }

        return 0;
    }

    /// <summary>An article-like page of about <paramref name="bytes"/>: paragraphs with links, so every stage does real work.</summary>
    private static string LargePage(int bytes)
    {
        var page = new StringBuilder(bytes + 1024).Append("<html><head><title>A large page</title></head><body><article>");
        var paragraph = 0;
        while (page.Length < bytes)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p>Paragraph {paragraph++}: the tide comes in, the tide goes out, and <a href=/n/{paragraph}>the harbour</a> fills and empties with it.</p>\n");
        }

        return page.Append("</article></body></html>").ToString();
    }

    private static string Report(List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)> samples, TimeSpan burstEnded, int pages, int pageMb, long ok, long failed)
    {
        var text = new StringBuilder();
        var end = samples[^1];
        text.AppendLine(CultureInfo.InvariantCulture, $"Burst: {pages} pages of {pageMb} MB through POST /extract ({ok} ok, {failed} failed) in {burstEnded.TotalSeconds:0} s; RSS watched {(end.At - burstEnded).TotalSeconds:0} s after it");
        text.AppendLine();
        text.AppendLine("| service | idle RSS MB | peak RSS MB | RSS 60 s after MB | RSS 120 s after MB | end RSS MB | end / idle |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var service in ServiceProcesses.Services)
        {
            var idle = ServiceProcesses.RssMb(samples[0].Processes, service);
            if (idle == 0)
            {
                continue;
            }

            var peak = samples.Max(s => ServiceProcesses.RssMb(s.Processes, service));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {service} | {idle:0} | {peak:0} | {After(samples, burstEnded + TimeSpan.FromSeconds(60), service):0} | {After(samples, burstEnded + TimeSpan.FromSeconds(120), service):0} | {ServiceProcesses.RssMb(end.Processes, service):0} | {ServiceProcesses.RssMb(end.Processes, service) / idle:0.00} |");
        }

        return text.ToString();
    }

    private static double After(List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)> samples, TimeSpan at, string service) =>
        samples.FirstOrDefault(s => s.At >= at) is { Processes: { } processes } ? ServiceProcesses.RssMb(processes, service) : double.NaN;

}
