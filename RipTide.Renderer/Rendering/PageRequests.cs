using Microsoft.Playwright;
using RipTide.Contracts.Rendering;
using RipTide.Net;
using RipTide.Renderer.Options;
using RipTide.Renderer.Telemetry;

namespace RipTide.Renderer.Rendering;

/// <summary>
/// Every request one rendered page makes, intercepted before it leaves the browser. The main document is
/// answered with the HTML the Api already fetched (robots.txt and politeness applied there); anything else
/// the page asks for is fetched by <see cref="SubresourceClient"/> through the SSRF guard, or refused and
/// recorded: internal addresses, other schemes, images/media/fonts (by default), main-frame navigations
/// away from the page, popups, and whatever passes the render's request or byte budget. (WebSockets are not
/// routed here: they go to the browser's dead proxy and fail.)
/// Also tracks requests in flight, so the render can wait for the network to go quiet.
/// </summary>
public sealed class PageRequests(RenderTarget target, SubresourceClient client, RendererOptions options, RendererMetrics metrics, TimeProvider time, ILogger logger)
    : IDisposable
{
    /// <summary>Refusals kept for the answer; past this they are counted, not listed.</summary>
    public const int MaxListedRefusals = 50;

    private static readonly HashSet<string> MediaTypes = new(StringComparer.Ordinal) { "image", "media", "font" };

    private readonly Lock _lock = new();
    private readonly List<RefusedRequest> _refused = [];
    private readonly CancellationTokenSource _stopped = new();
    private int _requests;
    private int _inFlight;
    private long _bytes;
    private bool _documentServed;
    private long _lastActivity = time.GetTimestamp();

    public IPage? Page { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<RefusedRequest> Refused
    {
        get
        {
            lock (_lock)
            {
                return [.. _refused];
            }
        }
    }

    public async Task HandleAsync(IRoute route)
    {
        try
        {
            await RouteAsync(route);
        }
        catch (PlaywrightException)
        {
            // The page or its context closed while this request was being answered: nobody waits for it.
        }
    }

    private async Task RouteAsync(IRoute route)
    {
        var request = route.Request;
        if (_stopped.IsCancellationRequested)
        {
            await AbortAsync(route);
            return;
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await RefuseAsync(route, request.Url, RefusalReasons.UnsupportedScheme);
            return;
        }

        if (request.IsNavigationRequest && !IsOwnPage(request))
        {
            // A window the page opened: it is closed, and its document never fetched.
            await RefuseAsync(route, request.Url, RefusalReasons.Navigation);
            return;
        }

        if (request.IsNavigationRequest && IsMainFrame(request))
        {
            if (!_documentServed && SameDocument(url, target.Url))
            {
                _documentServed = true;
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = target.Status,
                    ContentType = "text/html; charset=utf-8",
                    BodyBytes = target.Html,
                });
                return;
            }

            // A script sending the page elsewhere: that document would escape robots.txt and politeness.
            await RefuseAsync(route, request.Url, RefusalReasons.Navigation);
            return;
        }

        if (options.BlockMedia && MediaTypes.Contains(request.ResourceType))
        {
            await RefuseAsync(route, request.Url, RefusalReasons.ResourceType, listed: false);
            return;
        }

        if (Interlocked.Increment(ref _requests) > options.MaxRequestsPerRender)
        {
            await RefuseAsync(route, request.Url, RefusalReasons.Budget);
            return;
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            await FetchAsync(route, request, url);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Exchange(ref _lastActivity, time.GetTimestamp());
        }
    }

    private async Task FetchAsync(IRoute route, IRequest request, Uri url)
    {
        SubresourceResult result;
        try
        {
            var pageRequest = new PageRequest(url, new HttpMethod(request.Method), request.Headers, request.PostDataBuffer);
            result = await client.FetchAsync(pageRequest, options.MaxBytesPerRender - Interlocked.Read(ref _bytes), _stopped.Token);
        }
        catch (Exception ex) when (Classify(ex) is { } reason)
        {
            await RefuseAsync(route, request.Url, reason);
            return;
        }

        if (result.Refusal is { } refusal)
        {
            await RefuseAsync(route, result.FinalUrl.AbsoluteUri, refusal);
            return;
        }

        Interlocked.Add(ref _bytes, result.Body.Length);
        await route.FulfillAsync(new RouteFulfillOptions { Status = result.Status, Headers = result.Headers, BodyBytes = result.Body });
    }

    private static string? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BlockedAddressException)
            {
                return RefusalReasons.BlockedAddress;
            }
        }

        return exception is HttpRequestException or IOException or OperationCanceledException or System.Net.Sockets.SocketException or UriFormatException
            ? RefusalReasons.Failed
            : null;
    }

    /// <summary>A window the page opened: closed at once (its navigation is refused and recorded by <see cref="HandleAsync"/>).</summary>
    public static void ClosePopup(IPage popup) => _ = popup.CloseAsync();

    /// <summary>Starts the quiet period now (the load event, a scroll step).</summary>
    public void MarkActivity() => Interlocked.Exchange(ref _lastActivity, time.GetTimestamp());

    /// <summary>Waits until no request of the page has been open for <paramref name="quiet"/>, or <paramref name="limit"/> passed.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        // Checked often: each check is cheap, and a coarse step would add up to one step to every page's time.
        var step = TimeSpan.FromMilliseconds(Math.Clamp(quiet.TotalMilliseconds / 10, 5, 25));
        while (time.GetElapsedTime(started) < limit)
        {
            if (Volatile.Read(ref _inFlight) == 0 && time.GetElapsedTime(Interlocked.Read(ref _lastActivity)) >= quiet)
            {
                return;
            }

            await Task.Delay(step, time, cancellationToken);
        }
    }

    /// <summary>The render is over: requests still open are dropped, new ones refused.</summary>
    public void Stop() => _stopped.Cancel();

    public void Dispose() => _stopped.Dispose();

    private bool IsOwnPage(IRequest request)
    {
        try
        {
            return Page is null || request.Frame.Page == Page;
        }
        catch (PlaywrightException)
        {
            // Playwright has no frame yet for a window the page is opening: it is not the page being rendered.
            return false;
        }
    }

    private bool IsMainFrame(IRequest request)
    {
        try
        {
            return Page is { } page && request.Frame == page.MainFrame;
        }
        catch (PlaywrightException)
        {
            // A worker's request has no frame.
            return false;
        }
    }

    /// <summary>The navigation the render starts: the target URL (a fragment is not sent).</summary>
    private static bool SameDocument(Uri requested, Uri target) =>
        Uri.Compare(requested, target, UriComponents.HttpRequestUrl, UriFormat.SafeUnescaped, StringComparison.Ordinal) == 0;

    private async Task RefuseAsync(IRoute route, string url, string reason, bool listed = true)
    {
        Record(url, reason, listed);
        await AbortAsync(route);
    }

    private void Record(string url, string reason, bool listed)
    {
        metrics.RefusedRequest(reason);
        if (!listed)
        {
            return;
        }

        RendererLog.RequestRefused(logger, url, reason);
        lock (_lock)
        {
            if (_refused.Count < MaxListedRefusals)
            {
                _refused.Add(new RefusedRequest(url.Length > 2048 ? url[..2048] : url, reason));
            }
        }
    }

    private static async Task AbortAsync(IRoute route)
    {
        try
        {
            await route.AbortAsync("blockedbyclient");
        }
        catch (PlaywrightException)
        {
            // Already gone with its page.
        }
    }
}

/// <summary>The page to render: its URL, the HTML the Api fetched for it (UTF-8), and the status it answered with.</summary>
public sealed record RenderTarget(Uri Url, byte[] Html, int Status);
