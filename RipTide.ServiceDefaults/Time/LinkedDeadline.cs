namespace RipTide.ServiceDefaults.Time;

/// <summary>
/// A caller's token joined with a deadline kept on the service's <see cref="TimeProvider"/>.
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> runs on the real clock only, so a deadline
/// set that way cannot be driven by a test's fake clock, and the service would keep two clocks.
/// </summary>
public sealed class LinkedDeadline : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;

    public LinkedDeadline(TimeSpan after, TimeProvider time, CancellationToken cancellationToken)
    {
        _deadline = new CancellationTokenSource(after, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
    }

    /// <summary>Cancelled when the caller cancels or the deadline passes, whichever comes first.</summary>
    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
    }
}
