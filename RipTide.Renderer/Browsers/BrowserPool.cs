using Microsoft.Extensions.Options;
using RipTide.Renderer.Options;
using RipTide.Renderer.Telemetry;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Renderer.Browsers;

/// <summary>
/// The browsers and the renders they run: at most <c>MaxConcurrentRenders</c> at once, at most
/// <c>MaxQueuedRenders</c> waiting (one more is refused at once, <see cref="RendererOverloadedException"/>),
/// each render on the browser with the fewest in flight. A browser is launched on first need and relaunched
/// when it crashed or was killed (its renders in flight fail, retryable); it is retired after
/// <c>RecycleAfterRenders</c> renders or above <c>RecycleAboveRssMb</c>, and closed when its last render ends.
/// </summary>
public sealed class BrowserPool : IAsyncDisposable
{
    private readonly ChromiumLauncher _launcher;
    private readonly RendererOptions _options;
    private readonly RendererMetrics _metrics;
    private readonly ILogger<BrowserPool> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly BrowserSlot[] _browsers;
    private readonly Lock _lock = new();
    private readonly List<LaunchedBrowser> _retiring = [];
    private int _waiting;
    private bool _disposed;

    public BrowserPool(ChromiumLauncher launcher, IOptions<RendererOptions> options, PerformanceProfile profile, RendererMetrics metrics, ILogger<BrowserPool> logger)
    {
        _launcher = launcher;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        MaxConcurrentRenders = _options.MaxConcurrentRenders > 0 ? _options.MaxConcurrentRenders : profile.ConcurrentRenders;
        _slots = new SemaphoreSlim(MaxConcurrentRenders, MaxConcurrentRenders);
        _browsers = [.. Enumerable.Range(0, _options.Browsers).Select(_ => new BrowserSlot())];
    }

    public int MaxConcurrentRenders { get; }

    public int Busy => MaxConcurrentRenders - _slots.CurrentCount;

    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Browsers running now (retiring ones included).</summary>
    public IReadOnlyList<LaunchedBrowser> Running
    {
        get
        {
            lock (_lock)
            {
                return [.. _browsers.Select(b => b.Current).OfType<LaunchedBrowser>().Concat(_retiring)];
            }
        }
    }

    /// <summary>A browser for one render; dispose the lease when the render is over.</summary>
    /// <exception cref="RendererOverloadedException">Too many renders are waiting already.</exception>
    public async Task<RenderLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _options.MaxQueuedRenders)
            {
                Interlocked.Decrement(ref _waiting);
                _metrics.Refused();
                throw new RendererOverloadedException(MaxConcurrentRenders, _options.MaxQueuedRenders);
            }

            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            var browser = await BrowserForRenderAsync(cancellationToken);
            return new RenderLease(browser, this);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private async Task<LaunchedBrowser> BrowserForRenderAsync(CancellationToken cancellationToken)
    {
        BrowserSlot slot;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            slot = _browsers.MinBy(b => b.Current?.InFlight ?? 0)!;
        }

        while (true)
        {
            var browser = await slot.GetAsync(LaunchAsync, cancellationToken);
            // Counted under the lock that retiring takes: a browser retired after this point still has this render
            // in flight and is closed only when it ends. One retired in between is skipped for its successor.
            lock (_lock)
            {
                if (!browser.Retiring)
                {
                    browser.Began();
                    return browser;
                }
            }
        }
    }

    private async Task<LaunchedBrowser> LaunchAsync(CancellationToken cancellationToken)
    {
        var launched = await _launcher.LaunchAsync(cancellationToken);
        launched.Browser.Disconnected += (_, _) => OnDisconnected(launched);
        _metrics.Launched();
        RendererLog.BrowserLaunched(_logger, launched.Browser.Version, launched.Marker);
        return launched;
    }

    private void OnDisconnected(LaunchedBrowser browser)
    {
        lock (_lock)
        {
            if (browser.Retiring || _disposed)
            {
                return;
            }

            browser.Retiring = true;
            foreach (var slot in _browsers)
            {
                slot.Forget(browser);
            }
        }

        // Not closed by us: it crashed or was killed. Whatever of it is left goes; the next render launches anew.
        _metrics.Crashed();
        RendererLog.BrowserCrashed(_logger, browser.Marker, browser.InFlight);
        ChromiumProcesses.KillTree(browser.Marker);
    }

    /// <summary>Called by a lease: the render is over.</summary>
    internal void Return(LaunchedBrowser browser)
    {
        var left = browser.Ended();
        _slots.Release();
        var recycle = false;
        lock (_lock)
        {
            if (!browser.Retiring && (browser.Renders >= _options.RecycleAfterRenders || browser.ResidentBytes > _options.RecycleAboveRssMb * 1024L * 1024))
            {
                browser.Retiring = true;
                foreach (var slot in _browsers)
                {
                    slot.Forget(browser);
                }

                _retiring.Add(browser);
                recycle = true;
            }

            if (browser.Retiring && left == 0 && _retiring.Remove(browser))
            {
                _ = CloseAsync(browser);
            }
        }

        if (recycle)
        {
            _metrics.Recycled();
            RendererLog.BrowserRecycled(_logger, browser.Marker, browser.Renders, browser.ResidentBytes / (1024 * 1024));
        }
    }

    /// <summary>
    /// Measures the resident size (the recycle trigger and the dashboard's figure) of every browser that has
    /// rendered since it was last measured. Reading PSS walks each process's page tables, most of an idle
    /// Renderer's CPU when done every few seconds; a browser that has rendered nothing keeps its last figure.
    /// </summary>
    public void Measure()
    {
        foreach (var browser in Running)
        {
            if (browser.TakeMeasurementTurn())
            {
                browser.ResidentBytes = ChromiumProcesses.ResidentBytes(browser.Marker);
            }
        }
    }

    private async Task CloseAsync(LaunchedBrowser browser)
    {
        try
        {
            await browser.Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or TimeoutException)
        {
            RendererLog.BrowserCloseFailed(_logger, browser.Marker, ex);
        }
        finally
        {
            // A clean close leaves nothing; this is for the one that did not go cleanly.
            ChromiumProcesses.KillTree(browser.Marker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<LaunchedBrowser> all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _browsers.Select(b => b.Current).OfType<LaunchedBrowser>().Concat(_retiring)];
            foreach (var browser in all)
            {
                browser.Retiring = true;
            }
        }

        await Task.WhenAll(all.Select(CloseAsync));
    }

    /// <summary>One place in the pool: its current browser, launched once however many renders ask at the same moment.</summary>
    private sealed class BrowserSlot
    {
        private readonly Lock _gate = new();
        private Task<LaunchedBrowser>? _launch;

        public LaunchedBrowser? Current => _launch is { IsCompletedSuccessfully: true } done ? done.Result : null;

        public async Task<LaunchedBrowser> GetAsync(Func<CancellationToken, Task<LaunchedBrowser>> launch, CancellationToken cancellationToken)
        {
            Task<LaunchedBrowser> current;
            lock (_gate)
            {
                if (_launch is null || _launch.IsFaulted || _launch.IsCanceled
                    || (_launch.IsCompletedSuccessfully && (_launch.Result.Retiring || !_launch.Result.Connected)))
                {
                    // Launched on its own token: one caller giving up must not fail the launch for the others.
                    _launch = launch(CancellationToken.None);
                }

                current = _launch;
            }

            return await current.WaitAsync(cancellationToken);
        }

        public void Forget(LaunchedBrowser browser)
        {
            lock (_gate)
            {
                if (_launch is { IsCompletedSuccessfully: true } done && ReferenceEquals(done.Result, browser))
                {
                    _launch = null;
                }
            }
        }
    }
}

/// <summary>A browser lent to one render; disposing it gives the render slot back.</summary>
public sealed class RenderLease(LaunchedBrowser browser, BrowserPool pool) : IDisposable
{
    private int _returned;

    public LaunchedBrowser Browser { get; } = browser;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            pool.Return(Browser);
        }
    }
}

/// <summary>Every render slot is busy and the waiting line is full.</summary>
public sealed class RendererOverloadedException(int renders, int queue)
    : Exception($"The renderer is busy: {renders} pages are rendering and {queue} are waiting.");
