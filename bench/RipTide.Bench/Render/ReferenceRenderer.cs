using System.Diagnostics;
using Microsoft.Playwright;

namespace RipTide.Bench.Render;

/// <summary>
/// The reference: a plain Playwright script on the same Chromium, doing what RipTide's renderer does for a page
/// and nothing more: a fresh context, images/media/fonts aborted, everything else let through to the network
/// (no guard, no interception cost), load, the same 300 ms network-quiet rule (at most 3 s), the same scroll
/// steps, the DOM serialised, the context closed.
/// </summary>
public sealed class ReferenceRenderer : IAsyncDisposable
{
    private static readonly HashSet<string> Blocked = new(StringComparer.Ordinal) { "image", "media", "font" };
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(3);

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ReferenceRenderer(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ReferenceRenderer> StartAsync(string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        List<string> args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"];
        if (Environment.UserName == "root")
        {
            args.Add("--no-sandbox");
        }

        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = args });
        return new ReferenceRenderer(playwright, browser);
    }

    public async Task<string> RenderAsync(string url, int scroll)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        try
        {
            await context.RouteAsync("**/*", route => Blocked.Contains(route.Request.ResourceType) ? route.AbortAsync() : route.ContinueAsync());
            var page = await context.NewPageAsync();
            var inFlight = 0;
            var last = Stopwatch.StartNew();
            page.Request += (_, _) => Interlocked.Increment(ref inFlight);
            page.RequestFinished += (_, _) => Settled();
            page.RequestFailed += (_, _) => Settled();
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
            last.Restart();
            await QuietAsync();
            for (var step = 0; step < scroll; step++)
            {
                await page.EvaluateAsync<double>("() => { window.scrollTo(0, document.documentElement.scrollHeight); return document.documentElement.scrollHeight; }");
                await Task.Delay(50);
                last.Restart();
                await QuietAsync();
            }

            return await page.ContentAsync();

            void Settled()
            {
                Interlocked.Decrement(ref inFlight);
                lock (last)
                {
                    last.Restart();
                }
            }

            async Task QuietAsync()
            {
                var settle = Stopwatch.StartNew();
                while (settle.Elapsed < MaxSettle && (Volatile.Read(ref inFlight) > 0 || last.Elapsed < Quiet))
                {
                    await Task.Delay(30);
                }
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
