using RipTide.Bench.Cli;

namespace RipTide.Bench.Load;

/// <summary>
/// <c>load</c>: a progressive load test against the gateway (default levels 1, 5, 10, 20, 50, 100
/// connections), POST /crawl or /crawl/stream, cached (the URLs are crawled once first) or uncached.
/// </summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var target = new Uri(args.Text("--target", "http://localhost:8080"));
        var stream = args.Text("--endpoint", "crawl") switch
        {
            "crawl" => false,
            "stream" => true,
            var other => throw new ArgumentException($"--endpoint '{other}' is not crawl or stream."),
        };
        var cached = !args.Flag("--uncached");
        var levels = args.Ints("--levels", [1, 5, 10, 20, 50, 100]);
        var duration = args.Duration("--duration", TimeSpan.FromSeconds(10));
        var warmup = args.Duration("--warmup", TimeSpan.FromSeconds(2));
        var urlsPerRequest = args.Whole("--urls-per-request", 1, 1, 100);
        var concurrency = args.Text("--concurrency") is null ? (int?)null : args.Whole("--concurrency", 1, 1, 64);
        var jsonFile = args.Text("--json");
        var markdownFile = args.Text("--markdown");
        var svgFile = args.Text("--svg");
        await using var source = await UrlSource.OpenAsync(args, defaultPages: 100, cancellationToken);
        args.RejectUnknown();

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = levels.Max(), PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = target,
            Timeout = TimeSpan.FromMinutes(5),
        }.Authorized();
        var caller = new CrawlCaller(client, stream, cached, concurrency);
        if (cached)
        {
            // Every URL crawled once, so the measured requests are cache hits.
            await new CrawlCaller(client, stream: false, cached: true).WarmAsync(source.Urls, cancellationToken);
        }

        await LoadRunner.RunAsync(caller, source.Urls, urlsPerRequest, Math.Min(levels[0], 4), warmup, cancellationToken);
        var results = new List<LoadLevel>();
        foreach (var connections in levels)
        {
            var level = await LoadRunner.RunAsync(caller, source.Urls, urlsPerRequest, connections, duration, cancellationToken);
            results.Add(level);
            await output.WriteLineAsync(FormattableString.Invariant(
                $"{connections,4} connections: {level.RequestsPerSecond,8:0.0} req/s  p95 {level.LatencyMs.P95,8:0.0} ms  errors {level.ErrorRate:P2}"));
        }

        var report = new LoadReport(target.AbsoluteUri, stream ? "/crawl/stream" : "/crawl", cached, urlsPerRequest, results);
        await output.WriteLineAsync();
        await output.WriteLineAsync(report.ToMarkdown());
        if (jsonFile is not null)
        {
            await File.WriteAllTextAsync(jsonFile, report.ToJson(), cancellationToken);
        }

        if (svgFile is not null)
        {
            await File.WriteAllTextAsync(svgFile, LoadChart.Svg(report), cancellationToken);
        }

        if (markdownFile is not null)
        {
            await File.WriteAllTextAsync(markdownFile, report.ToMarkdown(), cancellationToken);
        }

        return 0;
    }
}
