using Microsoft.Extensions.Options;
using RipTide.Renderer.Options;
using RipTide.Renderer.Telemetry;

namespace RipTide.Renderer.Browsers;

/// <summary>
/// Launches the first browser at start (so the first render does not pay for it, and a Chromium that cannot
/// start shows in the log at once), then measures the browsers' resident size every few seconds: the
/// pool's recycle trigger and the dashboard's figure.
/// </summary>
public sealed class BrowserWatch(BrowserPool pool, IOptions<RendererOptions> options, TimeProvider time, ILogger<BrowserWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RendererLog.Started(logger, pool.MaxConcurrentRenders, options.Value.Browsers, options.Value.ExecutablePath,
            ChromiumLauncher.RunningAsRoot ? " (as root: --no-sandbox)" : string.Empty);
        try
        {
            using (await pool.AcquireAsync(stoppingToken))
            {
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RendererLog.WarmupFailed(logger, ex);
        }

        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                pool.Measure();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
