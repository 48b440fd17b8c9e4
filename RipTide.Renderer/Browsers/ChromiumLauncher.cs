using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using RipTide.Renderer.Options;

namespace RipTide.Renderer.Browsers;

/// <summary>
/// Starts Debian's Chromium through Playwright (one driver for the process, started on first use). Every
/// browser is launched with the network closed: all its traffic is sent to a proxy that does not exist, so
/// the only way out is the request interception (<see cref="Rendering.PageRequests"/>), which fetches through
/// the SSRF guard. A request interception misses (WebRTC, a prefetch, a WebSocket) therefore fails instead
/// of reaching the network.
/// </summary>
public sealed class ChromiumLauncher(IOptions<RendererOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private IPlaywright? _playwright;

    /// <summary>The Chromium switches (without the marker); <c>--no-sandbox</c> only when running as root, where Chromium refuses its sandbox.</summary>
    public static IReadOnlyList<string> Switches(bool runningAsRoot)
    {
        List<string> switches =
        [
            "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-dev-shm-usage", "--mute-audio", "--disable-extensions", "--disable-sync", "--dns-prefetch-disable",
            // Nothing leaves the browser on its own: a proxy address nobody listens on, for loopback too.
            "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--webrtc-ip-handling-policy=disable_non_proxied_udp",
        ];
        if (runningAsRoot)
        {
            switches.Add("--no-sandbox");
        }

        return switches;
    }

    public static bool RunningAsRoot => Environment.UserName == "root";

    public async Task<LaunchedBrowser> LaunchAsync(CancellationToken cancellationToken)
    {
        var playwright = await PlaywrightAsync(cancellationToken);
        var marker = Guid.NewGuid().ToString("N");
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Value.ExecutablePath,
            Headless = true,
            Args = [.. Switches(RunningAsRoot), ChromiumProcesses.MarkerSwitch + marker],
            Timeout = 60_000,
        });
        return new LaunchedBrowser(browser, marker);
    }

    private async Task<IPlaywright> PlaywrightAsync(CancellationToken cancellationToken)
    {
        if (_playwright is { } started)
        {
            return started;
        }

        await _start.WaitAsync(cancellationToken);
        try
        {
            return _playwright ??= await Playwright.CreateAsync();
        }
        finally
        {
            _start.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _playwright?.Dispose();
        _start.Dispose();
        return ValueTask.CompletedTask;
    }
}
