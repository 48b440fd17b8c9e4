using System.Diagnostics;
using System.Globalization;
using RipTide.Bench.Cli;
using RipTide.Bench.Load;
using RipTide.Bench.Processes;

namespace RipTide.Bench.Soak;

/// <summary>
/// <c>soak</c>: sustained mixed load (70 % cached /crawl, 20 % uncached /crawl, 10 % uncached 5-URL
/// /crawl/stream) for a given time, sampling every RipTide service's RSS and CPU every few seconds, then
/// printing each service's memory drift from the end of the warm-up to the end of the run.
/// </summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var target = new Uri(args.Text("--target", "http://localhost:8080"));
        var duration = args.Duration("--duration", TimeSpan.FromMinutes(10));
        var warmup = args.Duration("--warmup", TimeSpan.FromSeconds(60));
        var interval = args.Duration("--sample", TimeSpan.FromSeconds(5));
        var connections = args.Whole("--connections", 8, 1, 1000);
        var series = args.Text("--series");
        await using var source = await UrlSource.OpenAsync(args, defaultPages: 200, cancellationToken);
        args.RejectUnknown();

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = target, Timeout = TimeSpan.FromMinutes(5) }.Authorized();
        var cached = new CrawlCaller(client, stream: false, cached: true);
        var uncached = new CrawlCaller(client, stream: false, cached: false);
        var streamed = new CrawlCaller(client, stream: true, cached: false, concurrency: 5);
        var hot = source.Urls.Take(Math.Max(1, source.Urls.Count / 4)).ToList();
        await cached.WarmAsync(hot, cancellationToken);

        long requests = 0, errors = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(warmup + duration);
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var roll = random.Next(10);
                var (caller, urls) = roll switch
                {
                    < 7 => (cached, (IReadOnlyList<string>)[hot[random.Next(hot.Count)]]),
                    < 9 => (uncached, [source.Urls[random.Next(source.Urls.Count)]]),
                    _ => (streamed, [.. Enumerable.Range(0, 5).Select(_ => source.Urls[random.Next(source.Urls.Count)])]),
                };
                try
                {
                    var result = await caller.CallAsync(urls, stop.Token);
                    Interlocked.Increment(ref requests);
                    if (!result.Succeeded)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        })).ToList();

        var samples = new List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)>();
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            samples.Add((clock.Elapsed, ServiceProcesses.Sample()));
            try
            {
                await Task.Delay(interval, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        samples.Add((clock.Elapsed, ServiceProcesses.Sample()));
        await Task.WhenAll(workers);
        await output.WriteLineAsync(Report(samples, warmup, requests, errors, clock.Elapsed));
        if (series is not null)
        {
            await File.WriteAllLinesAsync(series, Series(samples), cancellationToken);
        }

        return 0;
    }

    private static string Report(List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)> samples, TimeSpan warmup, long requests, long errors, TimeSpan elapsed)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Soak: {elapsed.TotalSeconds:0} s ({warmup.TotalSeconds:0} s warm-up), {requests} requests, {requests / elapsed.TotalSeconds:0.0} req/s, errors {(requests == 0 ? 0 : errors / (double)requests):P2}, {samples.Count} samples");
        text.AppendLine();
        text.AppendLine("| service | processes | RSS after warm-up MB | RSS peak MB | RSS end MB | drift | first-minute mean MB | last-minute mean MB | drift of means | mean CPU % |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var afterWarmup = samples.FirstOrDefault(s => s.At >= warmup);
        if (afterWarmup.Processes is null)
        {
            afterWarmup = samples[^1];
        }

        var end = samples[^1];
        foreach (var service in ServiceProcesses.Services)
        {
            var start = ServiceProcesses.RssMb(afterWarmup.Processes, service);
            if (start == 0)
            {
                continue;
            }

            var peak = samples.Where(s => s.At >= afterWarmup.At).Max(s => ServiceProcesses.RssMb(s.Processes, service));
            var last = ServiceProcesses.RssMb(end.Processes, service);
            var cpu = ServiceProcesses.CpuBetween(afterWarmup.Processes, end.Processes).GetValueOrDefault(service);
            var seconds = (end.At - afterWarmup.At).TotalSeconds;
            // One sample can land on either side of a collection; a minute's mean at each end says more about a trend.
            var firstMinute = MeanRss(samples.Where(s => s.At >= afterWarmup.At && s.At < afterWarmup.At + TimeSpan.FromMinutes(1)), service);
            var lastMinute = MeanRss(samples.Where(s => s.At > end.At - TimeSpan.FromMinutes(1)), service);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {service} | {end.Processes.Count(p => p.Service == service)} | {start:0.0} | {peak:0.0} | {last:0.0} | {100 * (last / start - 1):+0.0;-0.0}% | {firstMinute:0.0} | {lastMinute:0.0} | {100 * (lastMinute / firstMinute - 1):+0.0;-0.0}% | {(seconds > 0 ? 100 * cpu.TotalSeconds / seconds : 0):0.0} |");
        }

        return text.ToString();
    }


    private static double MeanRss(IEnumerable<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)> samples, string service)
    {
        var values = samples.Select(sample => ServiceProcesses.RssMb(sample.Processes, service)).ToList();
        return values.Count == 0 ? 0 : values.Average();
    }

    /// <summary>Every sample as CSV (seconds since start, service, RSS MB summed over its processes), for a chart.</summary>
    private static IEnumerable<string> Series(List<(TimeSpan At, IReadOnlyList<ProcessSample> Processes)> samples)
    {
        yield return "seconds,service,rss_mb";
        foreach (var (at, processes) in samples)
        {
            foreach (var service in ServiceProcesses.Services)
            {
                var rss = ServiceProcesses.RssMb(processes, service);
                if (rss > 0)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"{at.TotalSeconds:0.0},{service},{rss:0.0}");
                }
            }
        }
    }
}
