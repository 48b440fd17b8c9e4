using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RipTide.Bench.Cli;
using RipTide.Bench.Site;

namespace RipTide.Bench.Render;

/// <summary>
/// <c>render</c>: RipTide.Renderer (the built service, over HTTP, fed the page's HTML as the Api feeds it) against a
/// plain Playwright script on the same Chromium with the same blocking, side by side in one run, at each pool size:
/// pages/s, and resident memory of the renderer with its browser, peak and per concurrent render. Then how much of
/// the script-built pages' known text the static path and the auto path recover, scored by score.py.
/// </summary>
public static class RenderCommand
{
    /// <summary>The throughput mix: script-built text after a delay, text from XHR, and a lazy list scrolled three times.</summary>
    private static readonly (string Prefix, int Scroll)[] Mix = [("/render/delayed/", 0), ("/render/xhr/", 0), ("/render/infinite/", 3)];

    public static async Task<int> RunAsync(Args args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var sizes = args.Ints("--sizes", [1, 2, 4]);
        var duration = args.Duration("--duration", TimeSpan.FromSeconds(20));
        var chromium = args.Text("--chromium", "/usr/bin/chromium");
        var rendererDll = args.Text("--renderer") ?? DefaultRendererPath();
        var scoreScript = args.Text("--score-script", Path.GetFullPath("../shared/eval/score.py"));
        var pagesPerKind = args.Whole("--recovery-pages", 10, 1, 1000);
        var rounds = args.Whole("--rounds", 2, 1, 20);
        args.RejectUnknown();

        await using var site = await StartSiteAsync(cancellationToken);
        using var fetch = new HttpClient();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Render throughput, {rounds} round(s) of {duration.TotalSeconds:0} s per side and pool size (the sides take turns going first), mix: {string.Join(", ", Mix.Select(m => m.Prefix + (m.Scroll > 0 ? $" (scroll {m.Scroll})" : string.Empty)))}; Chromium {chromium}");
        text.AppendLine();
        text.AppendLine("| pool | RipTide pages/s | reference pages/s | ratio | RipTide peak MB | ÷ pool | per added render | reference peak MB | ÷ pool | per added render | RipTide failures |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        (int Size, long Ours, long Reference)? smallest = null;
        foreach (var size in sizes.Order())
        {
            double ours = 0, reference = 0;
            long ourPeak = 0, referencePeak = 0;
            var failures = 0;
            for (var round = 0; round < rounds; round++)
            {
                // Alternating which side goes first spreads the machine's drift over both.
                for (var turn = 0; turn < 2; turn++)
                {
                    if ((round + turn) % 2 == 0)
                    {
                        var (pagesPerSecond, peak, failed) = await MeasureRipTideAsync(rendererDll, chromium, size, duration, site.Base, fetch, cancellationToken);
                        (ours, ourPeak, failures) = (ours + pagesPerSecond / rounds, Math.Max(ourPeak, peak), failures + failed);
                    }
                    else
                    {
                        var (pagesPerSecond, peak) = await MeasureReferenceAsync(chromium, size, duration, site.Base, cancellationToken);
                        (reference, referencePeak) = (reference + pagesPerSecond / rounds, Math.Max(referencePeak, peak));
                    }
                }
            }

            smallest ??= (size, ourPeak, referencePeak);
            var added = size - smallest.Value.Size;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {size} | {ours:0.00} | {reference:0.00} | {ours / reference:0.00}× | {Mb(ourPeak):0} | {Mb(ourPeak) / size:0} | {PerAdded(ourPeak, smallest.Value.Ours, added)} "
                + $"| {Mb(referencePeak):0} | {Mb(referencePeak) / size:0} | {PerAdded(referencePeak, smallest.Value.Reference, added)} | {failures} |");
            await output.WriteLineAsync($"pool {size}: RipTide {ours:0.00} pages/s, reference {reference:0.00} pages/s");
        }

        text.AppendLine();
        text.AppendLine("Memory is PSS (shared pages split between the processes sharing them), peak of samples every 250 ms: the Renderer process with "
            + "everything it started (Playwright's driver, Chromium's processes) for RipTide; Playwright's driver and Chromium for the reference (the bench "
            + "process, which hosts the reference's Playwright client, excluded). \"Per added render\" is the growth over the smallest pool size, per render added.");
        text.AppendLine();
        await using (var renderer = await RendererProcess.StartAsync(rendererDll, 2, chromium, cancellationToken))
        {
            var folder = Directory.CreateTempSubdirectory("riptide-render-recovery-").FullName;
            text.AppendLine(CultureInfo.InvariantCulture, $"Text recovered from {pagesPerKind} pages of each kind ({string.Join(", ", RenderPages.Recoverable)}), static path (left) and auto path (right):");
            text.AppendLine();
            text.AppendLine(await TextRecovery.MeasureAsync(renderer, fetch, site.Base, pagesPerKind, folder, scoreScript, cancellationToken));
        }

        await output.WriteLineAsync(text.ToString());
        return 0;
    }

    private static double Mb(long bytes) => bytes / 1048576.0;

    private static string PerAdded(long peak, long smallestPeak, int added) =>
        added == 0 ? "–" : (Mb(peak - smallestPeak) / added).ToString("0", CultureInfo.InvariantCulture);

    private static async Task<(double PagesPerSecond, long PeakRss, int Failures)> MeasureRipTideAsync(
        string dll, string chromium, int size, TimeSpan duration, Uri site, HttpClient fetch, CancellationToken cancellationToken)
    {
        await using var renderer = await RendererProcess.StartAsync(dll, size, chromium, cancellationToken);
        var failures = 0;
        async Task<bool> OneAsync(int n)
        {
            var (prefix, scroll) = Mix[n % Mix.Length];
            var url = new Uri(site, $"{prefix}bench{n}").AbsoluteUri;
            try
            {
                // As the Api does it: the page as fetched, then the render.
                await renderer.RenderAsync(url, await fetch.GetStringAsync(url, cancellationToken), scroll, cancellationToken);
                return true;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
                return false;
            }
        }

        await WarmAsync(OneAsync, size);
        await using var sampler = new ProcessTreeMemory.PeakSampler(renderer.Pid, includeRoot: true);
        var pages = await RunForAsync(OneAsync, size, duration);
        return (pages / duration.TotalSeconds, sampler.Peak, failures);
    }

    private static async Task<(double PagesPerSecond, long PeakRss)> MeasureReferenceAsync(string chromium, int size, TimeSpan duration, Uri site, CancellationToken cancellationToken)
    {
        await using var reference = await ReferenceRenderer.StartAsync(chromium);
        async Task<bool> OneAsync(int n)
        {
            var (prefix, scroll) = Mix[n % Mix.Length];
            await reference.RenderAsync(new Uri(site, $"{prefix}bench{n}").AbsoluteUri, scroll);
            return true;
        }

        await WarmAsync(OneAsync, size);
        await using var sampler = new ProcessTreeMemory.PeakSampler(Environment.ProcessId, includeRoot: false);
        var pages = await RunForAsync(OneAsync, size, duration);
        cancellationToken.ThrowIfCancellationRequested();
        return (pages / duration.TotalSeconds, sampler.Peak);
    }

    /// <summary>Unmeasured renders first, on both sides alike: the first ones pay for the JIT (Playwright's client is most of it) and the browser's start.</summary>
    private static async Task WarmAsync(Func<int, Task<bool>> one, int size)
    {
        for (var round = 0; round < WarmupRounds; round++)
        {
            await Task.WhenAll(Enumerable.Range(round * size, size).Select(one));
        }
    }

    private const int WarmupRounds = 8;

    /// <summary><paramref name="workers"/> loops rendering until the time is up; counts the renders that finished in time and succeeded.</summary>
    private static async Task<int> RunForAsync(Func<int, Task<bool>> one, int workers, TimeSpan duration)
    {
        var done = 0;
        var next = 1000;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                if (await one(Interlocked.Increment(ref next)) && clock.Elapsed <= duration)
                {
                    Interlocked.Increment(ref done);
                }
            }
        }));
        return done;
    }

    /// <summary>RipTide.Renderer built in the same configuration as this tool, found from the repository root.</summary>
    private static string DefaultRendererPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RipTide.Aspire.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";
        return directory is null
            ? throw new InvalidOperationException("Cannot find the repository root; pass --renderer <path to RipTide.Renderer.dll>.")
            : Path.Combine(directory.FullName, "RipTide.Renderer", "bin", configuration, "net10.0", "RipTide.Renderer.dll");
    }

    private static async Task<RenderSite> StartSiteAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapRenderPages(_ => { });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RenderSite(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    private sealed record RenderSite(WebApplication App, Uri Base) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
