using Microsoft.AspNetCore.Components;

namespace RipTide.Dashboard.Components;

/// <summary>
/// A page fed by background events: handlers only <see cref="MarkDirty"/>, and the page re-renders at most
/// every <see cref="RenderInterval"/>, on the circuit's thread, however many events arrive. It also sets
/// <see cref="Interactive"/> on its first interactive render (prerendering never gets there), which pages show
/// as <c>data-interactive</c> so that readers and browser tests know the circuit is live.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private int _dirty;

    protected bool Interactive { get; private set; }

    protected virtual TimeSpan RenderInterval => TimeSpan.FromMilliseconds(500);

    /// <summary>Reads the latest state into the page's fields; called before each throttled render.</summary>
    protected abstract void Refresh();

    /// <summary>Stops listening to the events that call <see cref="MarkDirty"/>.</summary>
    protected abstract void Unsubscribe();

    protected void MarkDirty() => Interlocked.Exchange(ref _dirty, 1);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Interactive = true;
            StateHasChanged();
            _ = RenderLoopAsync(_disposed.Token);
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RenderLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenderInterval);
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
