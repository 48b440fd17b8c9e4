using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Bench.Cli;
using RipTide.Bench.Processes;
using RipTide.Bench.Site;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;

namespace RipTide.Bench.Jobs;

/// <summary>
/// <c>deepcrawl</c>: one spider job over the generated site (started in this process, with its latency), through
/// the gateway, with full extraction and no cache. Reports pages/s against the latency bound (pages in flight ÷
/// mean latency), CPU per page summed over every RipTide service, each service's RSS over the crawl, and checks
/// that every page was delivered once. With <c>--kill-api-at</c>, one Api copy is killed (SIGKILL) when that share
/// of the pages is crawled, and the run reports how long the job took to complete anyway. With <c>--warmup-pages</c>,
/// a job of that many pages runs first and is not measured: freshly started services spend a third of their CPU in
/// the tier-1 JIT for the first minute, which is start-up, not what a page costs (docs/BENCHMARKS.md).
/// </summary>
public static class DeepCrawlCommand
{
    private static readonly double[] Quarters = [0.25, 0.5, 0.75, 1.0];

    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var target = new Uri(args.Text("--target", "http://localhost:8080"));
        var concurrency = args.Whole("--concurrency", 16, 1, 1024);
        var perHost = args.Whole("--per-host", 8, 1, 1000);
        var killAt = args.Number("--kill-api-at", 0, 0, 0.95);
        var sampleEvery = args.Duration("--sample", TimeSpan.FromSeconds(2));
        var siteOptions = SiteOptions.Parse(args);
        var maxPages = args.Whole("--max-pages", siteOptions.Pages, 1, 10_000_000);
        var warmupPages = args.Whole("--warmup-pages", 0, 0, 10_000_000);
        args.RejectUnknown();

        await using var site = await BenchSite.StartAsync(siteOptions, cancellationToken);
        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(2) }.Authorized();
        // Warm-up jobs are seeded elsewhere in the site than the measured job, which starts from page 0 (each job
        // dedupes on its own); one job cannot crawl more than the site has, so more pages take more jobs.
        for (var warmed = 0; warmed < warmupPages;)
        {
            var warmup = await SubmitAsync(client, site, siteOptions.Pages / 2, Math.Min(warmupPages - warmed, siteOptions.Pages), concurrency, output, cancellationToken);
            if (warmup is null)
            {
                return 1;
            }

            var done = await WaitAsync(client, warmup.Id, cancellationToken);
            await output.WriteLineAsync($"warm-up job: {done.Status}, {done.Counts.Crawled} pages crawled");
            if (done.Counts.Crawled == 0)
            {
                break;
            }

            warmed += (int)done.Counts.Crawled;
        }

        var before = ServiceProcesses.Sample();
        var apiCopies = before.Count(p => p.Service == "RipTide.Api");
        var job = await SubmitAsync(client, site, 0, maxPages, concurrency, output, cancellationToken);
        if (job is null)
        {
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var rss = new List<(double Share, IReadOnlyList<ProcessSample> Processes)>();
        var nextSample = TimeSpan.Zero;
        TimeSpan? killedAt = null;
        JobStatus status;
        while (true)
        {
            status = await StatusAsync(client, job.Id, cancellationToken);
            var share = status.Counts.Crawled / (double)maxPages;
            if (clock.Elapsed >= nextSample)
            {
                rss.Add((share, ServiceProcesses.Sample()));
                nextSample = clock.Elapsed + sampleEvery;
            }

            if (killAt > 0 && killedAt is null && share >= killAt)
            {
                killedAt = clock.Elapsed;
                KillOneApiCopy(output);
            }

            if (JobStatuses.IsFinished(status.Status))
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        var after = ServiceProcesses.Sample();
        var (delivered, distinct, errors) = await CountResultsAsync(client, job.Id, cancellationToken);
        var seconds = (status.FinishedAt!.Value - status.StartedAt!.Value).TotalSeconds;
        var inFlight = Math.Min(concurrency * Math.Max(1, apiCopies), perHost * siteOptions.Hosts);
        var meanLatency = (siteOptions.MinLatencyMs + siteOptions.MaxLatencyMs) / 2.0 / 1000;
        var bound = inFlight / meanLatency;
        var pagesPerSecond = status.Counts.Crawled / seconds;
        var cpu = ServiceProcesses.CpuBetween(before, after);
        var cpuMsPerPage = cpu.Values.Sum(span => span.TotalMilliseconds) / Math.Max(1, status.Counts.Crawled);

        await output.WriteLineAsync($"| deep crawl | {siteOptions.Pages} pages, {siteOptions.Hosts} host(s), latency {siteOptions.MinLatencyMs}-{siteOptions.MaxLatencyMs} ms |");
        await output.WriteLineAsync("|---|---|");
        await output.WriteLineAsync($"| job | {status.Status}, crawled {status.Counts.Crawled} (succeeded {status.Counts.Succeeded}, failed {status.Counts.Failed}), discovered {status.Counts.Discovered}, skipped {string.Join(", ", status.Counts.Skipped.Where(s => s.Value > 0).Select(s => $"{s.Key} {s.Value}"))} |");
        await output.WriteLineAsync($"| results | {delivered} stored, {distinct} distinct URLs ({delivered - distinct} delivered twice) |");
        if (errors.Count > 0)
        {
            await output.WriteLineAsync($"| failed pages by error | {string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"))} |");
        }

        await output.WriteLineAsync(Invariant($"| time | {seconds:0.0} s{(killedAt is { } k ? $" (an Api copy killed at {k.TotalSeconds:0.0} s)" : string.Empty)} |"));
        await output.WriteLineAsync(Invariant($"| pages/s | {pagesPerSecond:0.0} of a latency bound of {bound:0.0} ({inFlight} in flight ÷ {meanLatency * 1000:0} ms): {pagesPerSecond / bound:P0} |"));
        await output.WriteLineAsync(Invariant($"| CPU per page | {cpuMsPerPage:0.00} ms ({string.Join(", ", cpu.OrderBy(c => c.Key).Select(c => $"{c.Key.Replace("RipTide.", string.Empty, StringComparison.Ordinal)} {c.Value.TotalMilliseconds / Math.Max(1, status.Counts.Crawled):0.00}"))}) |"));
        foreach (var service in ServiceProcesses.Services)
        {
            var points = rss.Where(sample => sample.Processes.Any(p => p.Service == service)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var quarters = Quarters.Select(q => points.First(p => p.Share >= q * 0.999 || p == points[^1])).Select(p => ServiceProcesses.RssMb(p.Processes, service));
            await output.WriteLineAsync(Invariant($"| RSS {service.Replace("RipTide.", string.Empty, StringComparison.Ordinal)} at 25/50/75/100 % | {string.Join(" / ", quarters.Select(mb => mb.ToString("0", CultureInfo.InvariantCulture)))} MB |"));
        }

        return status.Status == JobStatuses.Completed && delivered == distinct ? 0 : 1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task<JobAccepted?> SubmitAsync(
        HttpClient client, BenchSite site, int seedPage, int maxPages, int concurrency, TextWriter output, CancellationToken cancellationToken)
    {
        var request = new JobRequest(
            [new Uri(site.Hosts[0], $"/page/{seedPage}").AbsoluteUri],
            new SpiderOptions(MaxPages: maxPages, Sitemap: SitemapModes.Include),
            new CrawlOptions(Concurrency: concurrency, CacheMode: CacheModes.Bypass));
        using var submitted = await client.PostAsJsonAsync("/jobs", request, RipTideJsonContext.Default.JobRequest, cancellationToken);
        if (!submitted.IsSuccessStatusCode)
        {
            await output.WriteLineAsync($"POST /jobs answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync(cancellationToken)}");
            return null;
        }

        return (await submitted.Content.ReadFromJsonAsync(RipTideJsonContext.Default.JobAccepted, cancellationToken))!;
    }

    private static async Task<JobStatus> WaitAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await StatusAsync(client, id, cancellationToken);
            if (JobStatuses.IsFinished(status.Status))
            {
                return status;
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static async Task<JobStatus> StatusAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync($"/jobs/{id}", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.JobStatus, cancellationToken))!;
            }

            // A copy that was just killed answers 502/503 until the gateway's health checks take it out.
            if (attempt > 120)
            {
                throw new InvalidOperationException($"GET /jobs/{id} answered {(int)response.StatusCode}.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Every stored result: how many, for how many distinct URLs, and the failed ones counted by error type.</summary>
    private static async Task<(int Delivered, int Distinct, Dictionary<string, int> Errors)> CountResultsAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        var urls = new List<string>();
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        string? cursor = null;
        var failures = 0;
        while (true)
        {
            using var response = await client.GetAsync($"/jobs/{id}/results?limit=1000{(cursor is null ? string.Empty : $"&cursor={cursor}")}", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // A copy that was just killed answers 502/503 for a moment; the same page is asked again.
                if (++failures > 120)
                {
                    throw new InvalidOperationException($"GET /jobs/{id}/results answered {(int)response.StatusCode}.");
                }

                await Task.Delay(250, cancellationToken);
                continue;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var result in page.RootElement.GetProperty("results").EnumerateArray())
            {
                urls.Add(result.GetProperty("url").GetString()!);
                if (result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var type = error.TryGetProperty("type", out var t) ? t.GetString() ?? "unknown" : "unknown";
                    errors[type] = errors.GetValueOrDefault(type) + 1;
                }
            }

            cursor = page.RootElement.GetProperty("next_cursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        return (urls.Count, urls.Distinct(StringComparer.Ordinal).Count(), errors);
    }

    private static void KillOneApiCopy(TextWriter output)
    {
        var victim = ServiceProcesses.Sample().Where(p => p.Service == "RipTide.Api").OrderBy(p => p.Pid).LastOrDefault();
        if (victim is null)
        {
            output.WriteLine("kill: no Api process found");
            return;
        }

        using var process = Process.GetProcessById(victim.Pid);
        process.Kill();
        output.WriteLine($"kill: SIGKILL to Api process {victim.Pid}");
    }
}
