using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using RipTide.Contracts.Rendering;
using RipTide.Renderer.Browsers;
using RipTide.Renderer.Options;
using RipTide.Renderer.Telemetry;

namespace RipTide.Renderer.Rendering;

/// <summary>
/// Renders one page: a fresh browser context (no cookies, storage or cache shared with any other render;
/// service workers blocked, downloads refused, dialogs dismissed (Playwright's default), popups closed), the page loaded from the
/// HTML the Api fetched, then bounded waits (network quiet, the <c>wait_for</c> selector, <c>wait_ms</c>, scroll steps),
/// and the DOM serialised. The context is closed whatever happens. No option runs caller-supplied script:
/// the only script evaluated is the scroll step's own.
/// </summary>
public sealed class PageRenderer(
    BrowserPool pool, SubresourceClient client, IOptions<RendererOptions> options, RendererMetrics metrics, TimeProvider time, ILogger<PageRenderer> logger)
{
    /// <summary>Past the render's deadline, the moment Playwright's own timeouts are given to fire first.</summary>
    private static readonly TimeSpan DeadlineGrace = TimeSpan.FromMilliseconds(500);

    private const string ScrollStep = "() => { window.scrollTo(0, document.documentElement.scrollHeight); return document.documentElement.scrollHeight; }";

    /// <exception cref="RenderFailedException">The render failed; its error type and whether to retry are on it.</exception>
    /// <exception cref="RendererOverloadedException">Every slot is busy and the waiting line is full.</exception>
    public async Task<RenderResponse> RenderAsync(RenderRequest request, Uri url, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var started = time.GetTimestamp();
        var budget = TimeSpan.FromMilliseconds(request.TimeoutMs ?? o.DefaultTimeoutMs);
        var deadline = started + (long)(budget.TotalSeconds * time.TimestampFrequency);
        var outcome = "failed";
        try
        {
            RenderLease lease;
            using (var queueing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                queueing.CancelAfter(budget);
                try
                {
                    lease = await pool.AcquireAsync(queueing.Token);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException("No render slot came free before the deadline.", ex);
                }
            }

            using var leased = lease;
            var queued = time.GetElapsedTime(started);
            var target = new RenderTarget(url, Encoding.UTF8.GetBytes(request.Html), request.Status);
            using var requests = new PageRequests(target, client, o, metrics, time, logger);
            var context = await lease.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ServiceWorkers = ServiceWorkerPolicy.Block,
                AcceptDownloads = false,
                UserAgent = request.Mobile ? o.MobileUserAgent : o.UserAgent,
                // A phone's viewport and touch for a mobile render: responsive pages lay out (and load) for it.
                ViewportSize = request.Mobile ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
                IsMobile = request.Mobile,
                HasTouch = request.Mobile,
                DeviceScaleFactor = request.Mobile ? 3 : 1,
            });
            try
            {
                // Playwright's own timeouts bound the waits; this bounds everything else too (a page that spins
                // forever after load would hang the serialisation of its DOM), and hears the caller leave.
                var response = await RenderInContextAsync(context, requests, request, url, Remaining(deadline), cancellationToken)
                    .WaitAsync(Remaining(deadline) + DeadlineGrace, time, cancellationToken);
                outcome = "ok";
                return response with { Timings = response.Timings with { QueuedMs = queued.TotalMilliseconds, TotalMs = time.GetElapsedTime(started).TotalMilliseconds } };
            }
            finally
            {
                requests.Stop();
                await CloseQuietlyAsync(context);
            }
        }
        catch (TimeoutException ex)
        {
            outcome = "timeout";
            RendererLog.RenderFailed(logger, url.AbsoluteUri, "timeout", ex);
            throw new RenderFailedException("timeout", $"The page did not finish rendering within {(long)budget.TotalMilliseconds} ms.", retryable: true, ex);
        }
        catch (PlaywrightException ex) when (IsSelectorError(ex))
        {
            throw new RenderFailedException("validation_error", $"wait_for is not a valid CSS selector: {FirstLine(ex.Message)}", retryable: false, ex);
        }
        catch (PlaywrightException ex)
        {
            // Most often the browser went away under the page (crashed or killed): another try gets a new one.
            RendererLog.RenderFailed(logger, url.AbsoluteUri, "render_failed", ex);
            throw new RenderFailedException("render_failed", "The browser failed while rendering the page.", retryable: true, ex);
        }
        finally
        {
            metrics.Rendered(outcome, time.GetElapsedTime(started));
        }
    }

    private async Task<RenderResponse> RenderInContextAsync(
        IBrowserContext context, PageRequests requests, RenderRequest request, Uri url, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var deadline = time.GetTimestamp() + (long)(remaining.TotalSeconds * time.TimestampFrequency);
        // Dialogs need no handler: Playwright dismisses every one that nothing listens for. WebSockets need no route:
        // they go to the dead proxy and fail. Either, done here, cost ~100 ms per page (docs/BENCHMARKS.md).
        await context.RouteAsync("**/*", requests.HandleAsync);
        var page = await context.NewPageAsync();
        requests.Page = page;
        context.Page += (_, popup) =>
        {
            if (popup != page)
            {
                PageRequests.ClosePopup(popup);
            }
        };

        var loadStarted = time.GetTimestamp();
        var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = Milliseconds(deadline) });
        var loadMs = time.GetElapsedTime(loadStarted).TotalMilliseconds;

        // Quiet is counted from the load event: a script that starts its fetch a moment later is waited for.
        requests.MarkActivity();

        var settleStarted = time.GetTimestamp();
        await requests.WaitForQuietAsync(TimeSpan.FromMilliseconds(o.NetworkQuietMs), Min(TimeSpan.FromMilliseconds(o.MaxSettleMs), Remaining(deadline)), cancellationToken);
        if (request.WaitFor is { Length: > 0 } selector)
        {
            await page.WaitForSelectorAsync(selector, new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = Milliseconds(deadline) });
        }

        if (request.WaitMs > 0)
        {
            // A fixed wait, for pages that change on a timer rather than on a request: bounded by the deadline.
            await Task.Delay(Min(TimeSpan.FromMilliseconds(request.WaitMs), Remaining(deadline)), time, cancellationToken);
        }

        await ScrollAsync(page, requests, Math.Min(request.Scroll, o.MaxScrollSteps), deadline, cancellationToken);
        var settleMs = time.GetElapsedTime(settleStarted).TotalMilliseconds;

        var html = await page.ContentAsync();
        if (Encoding.UTF8.GetByteCount(html) > o.MaxHtmlBytes)
        {
            throw new RenderFailedException("too_large", $"The rendered page is larger than {o.MaxHtmlBytes} bytes.", retryable: false);
        }

        var screenshot = request.Screenshot ? await ScreenshotAsync(page, request.FullPage, deadline) : null;
        return new RenderResponse(html, page.Url, response?.Status ?? request.Status, new RenderTimings(0, loadMs, settleMs, 0), requests.Requests, requests.Refused, screenshot);
    }

    /// <summary>Scrolls to the bottom step by step while the page keeps growing (a lazy list), each step waiting for its requests.</summary>
    private async Task ScrollAsync(IPage page, PageRequests requests, int steps, long deadline, CancellationToken cancellationToken)
    {
        var o = options.Value;
        double? lastHeight = null;
        for (var step = 0; step < steps && Remaining(deadline) > TimeSpan.Zero; step++)
        {
            var height = await page.EvaluateAsync<double>(ScrollStep);
            if (lastHeight == height)
            {
                return;
            }

            lastHeight = height;
            // Long enough for a scroll handler to start its fetch, then until its answer is in.
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            requests.MarkActivity();
            await requests.WaitForQuietAsync(TimeSpan.FromMilliseconds(o.NetworkQuietMs), Min(TimeSpan.FromMilliseconds(o.MaxSettleMs), Remaining(deadline)), cancellationToken);
        }
    }

    private async Task<string?> ScreenshotAsync(IPage page, bool fullPage, long deadline)
    {
        var o = options.Value;
        var screenshot = new PageScreenshotOptions { Type = ScreenshotType.Png, Timeout = Milliseconds(deadline) };
        if (fullPage)
        {
            var height = await page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
            screenshot.Clip = new Clip { X = 0, Y = 0, Width = page.ViewportSize?.Width ?? 1280, Height = (float)Math.Min(height, o.MaxScreenshotHeight) };
            screenshot.FullPage = true;
        }

        var png = await page.ScreenshotAsync(screenshot);
        if (png.Length > o.MaxScreenshotBytes)
        {
            throw new RenderFailedException("too_large", $"The screenshot is larger than {o.MaxScreenshotBytes} bytes.", retryable: false);
        }

        return Convert.ToBase64String(png);
    }

    private static async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // A browser that crashed took the context with it; a stuck one is recycled by the pool.
        }
    }

    private TimeSpan Remaining(long deadline)
    {
        var left = (deadline - time.GetTimestamp()) / (double)time.TimestampFrequency;
        return left > 0 ? TimeSpan.FromSeconds(left) : TimeSpan.Zero;
    }

    /// <summary>Playwright's timeout until the deadline (at least 1 ms: 0 would mean none).</summary>
    private float Milliseconds(long deadline) => (float)Math.Max(1, Remaining(deadline).TotalMilliseconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsSelectorError(PlaywrightException ex) =>
        ex.Message.Contains("is not a valid selector", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("Unexpected token", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string message) => message.Split('\n', 2)[0];
}

/// <summary>A render that did not produce a page; <see cref="ErrorType"/> is a per-URL error type of the contract.</summary>
public sealed class RenderFailedException(string errorType, string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public string ErrorType { get; } = errorType;

    public bool Retryable { get; } = retryable;
}
