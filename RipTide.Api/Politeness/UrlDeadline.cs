namespace RipTide.Api.Politeness;

/// <summary>
/// The time one URL has, as a deadline and a token (the caller's own cancellation joined in), on the service's
/// <see cref="TimeProvider"/>. For <c>POST /crawl</c> its timeout covers everything, waits for the host's turn
/// included: the client is waiting. A crawl job's page may instead wait for its turn (a Crawl-delay shared by every
/// Api copy, a Retry-After) up to <c>turnWait</c>, and its timeout then counts from the turn: with several copies
/// taking turns at one paced host, a page's wait grows with the number of copies, and counted against its timeout it
/// failed pages of a polite site as <c>rate_limited</c> that nothing was wrong with.
/// </summary>
public sealed class UrlDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;

    public UrlDeadline(TimeSpan timeout, TimeSpan? turnWait, TimeProvider time, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        _time = time;
        var now = time.GetUtcNow();
        At = now + timeout;
        TurnBy = turnWait is { } wait ? now + wait : At;
        FromTurn = turnWait is not null;
        _deadline = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
    }

    /// <summary>The URL's own time: from the start, or (<see cref="FromTurn"/>) from its host's turn.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>When the URL's time is up (for a job's page, once its turn came: see <see cref="TurnTaken"/>).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The latest the host's turn may come; past it the URL fails as rate_limited.</summary>
    public DateTimeOffset TurnBy { get; }

    /// <summary>Whether the timeout counts from the host's turn rather than from the start.</summary>
    public bool FromTurn { get; }

    /// <summary>The time left to <see cref="At"/>, never negative.</summary>
    public TimeSpan Remaining => Until(At);

    /// <summary>Cancelled when the caller cancels or the time is up, whichever comes first.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>A wait for the host's turn begins: when the timeout counts from the turn, the token holds until <see cref="TurnBy"/>.</summary>
    public void AwaitingTurn()
    {
        if (FromTurn && !_deadline.IsCancellationRequested)
        {
            At = TurnBy;
            _deadline.CancelAfter(Until(TurnBy));
        }
    }

    /// <summary>The host's turn came: when the timeout counts from it, it starts now.</summary>
    public void TurnTaken()
    {
        if (FromTurn && !_deadline.IsCancellationRequested)
        {
            At = _time.GetUtcNow() + Timeout;
            _deadline.CancelAfter(Timeout);
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadline.Dispose();
    }

    private TimeSpan Until(DateTimeOffset at) => at - _time.GetUtcNow() is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
}
