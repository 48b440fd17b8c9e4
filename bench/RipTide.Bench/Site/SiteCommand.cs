using RipTide.Bench.Cli;

namespace RipTide.Bench.Site;

/// <summary><c>site</c>: serves the test site until stopped; optionally writes its page URLs to a file.</summary>
public static class SiteCommand
{
    public static async Task<int> RunAsync(Args args)
    {
        var options = SiteOptions.Parse(args);
        var urlsFile = args.Text("--urls-file");
        args.RejectUnknown();

        await using var site = await BenchSite.StartAsync(options, CancellationToken.None);
        if (urlsFile is not null)
        {
            await File.WriteAllLinesAsync(urlsFile, site.PageUrls(options.Pages));
        }

        Console.WriteLine($"site: {options.Pages} pages on {string.Join(", ", site.Hosts)} (latency {options.MinLatencyMs}-{options.MaxLatencyMs} ms, error rate {options.ErrorRate:P1}, slow bodies {options.SlowBodyRate:P1})");
        Console.WriteLine($"try: {site.PageUrls(1)[0]}  robots: {new Uri(site.Hosts[0], "/robots.txt")}  sitemap: {new Uri(site.Hosts[0], "/sitemap.xml")}");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
