using System.Runtime.InteropServices;
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

        // Ctrl+C and SIGTERM (a service manager, the AppHost) end the run through here, so the site is disposed
        // in order. Cancelling the default handling keeps the runtime from exiting underneath it: the old
        // ProcessExit handler ran the rest of this method inside the runtime's own shutdown and never returned.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using var site = await BenchSite.StartAsync(options, CancellationToken.None);
        if (urlsFile is not null)
        {
            await File.WriteAllLinesAsync(urlsFile, site.PageUrls(options.Pages));
        }

        Console.WriteLine($"site: {options.Pages} pages on {string.Join(", ", site.Hosts)} (latency {options.MinLatencyMs}-{options.MaxLatencyMs} ms, error rate {options.ErrorRate:P1}, slow bodies {options.SlowBodyRate:P1})");
        Console.WriteLine($"try: {site.PageUrls(1)[0]}  robots: {new Uri(site.Hosts[0], "/robots.txt")}  sitemap: {new Uri(site.Hosts[0], "/sitemap.xml")}");
        await stopped.Task;
        return 0;
    }
}
