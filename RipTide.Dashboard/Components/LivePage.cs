using Microsoft.AspNetCore.Components;

namespace RipTide.Dashboard.Components;

/// <summary>
/// The one way a dashboard component re-renders on background events (metrics pushed by the replicas, a
/// bench run's output, a crawl streaming in, statistics polled from the gateway): handlers only
/// <see cref="MarkDirty"/>, and the component re-renders at most every <see cref="RenderInterval"/>, on the
/// circuit's thread, however many events arrive. Work that feeds it runs in <see cref="FeedAsync"/>, started
/// on the first interactive render and stopped with the circuit. It also sets <see cref="Interactive"/> on
/// that render (prerendering never gets there), which pages show as <c>data-interactive</c> so that readers
/// and browser tests know the circuit is live.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private int _dirty;

    [Inject]
    public required TimeProvider Time { get; init; }

    protected bool Interactive { get; private set; }

    protected virtual TimeSpan RenderInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>Cancelled when the component goes away (the circuit closed, the page was left).</summary>
    protected CancellationToken Disposed => _disposed.Token;

    /// <summary>Reads the latest state into the component's fields; called before each throttled render.</summary>
    protected virtual void Refresh()
    {
    }

    /// <summary>Stops listening to the events that call <see cref="MarkDirty"/>.</summary>
    protected virtual void Unsubscribe()
    {
    }

    /// <summary>Background work that feeds the component (polling, say) until <paramref name="cancellationToken"/> fires.</summary>
    protected virtual Task FeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected void MarkDirty() => Interlocked.Exchange(ref _dirty, 1);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Interactive = true;
            StateHasChanged();
            _ = RenderLoopAsync(_disposed.Token);
            _ = RunFeedAsync(_disposed.Token);
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RunFeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FeedAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit went away.
        }
    }

    private async Task RenderLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenderInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Interlocked.Exchange(ref _dirty, 0) == 1)
                {
                    await InvokeAsync(() =>
                    {
                        Refresh();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit went away.
        }
    }
}
