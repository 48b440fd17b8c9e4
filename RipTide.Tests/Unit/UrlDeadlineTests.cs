using Microsoft.Extensions.Time.Testing;
using RipTide.Api.Politeness;

namespace RipTide.Tests.Unit;

public sealed class UrlDeadlineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TurnWait = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Without_a_turn_wait_the_timeout_covers_the_wait_for_the_hosts_turn()
    {
        using var deadline = new UrlDeadline(Timeout, turnWait: null, _time, CancellationToken.None);
        var start = _time.GetUtcNow();

        deadline.AwaitingTurn();
        Assert.Equal(start + Timeout, deadline.TurnBy);
        _time.Advance(TimeSpan.FromSeconds(4));
        deadline.TurnTaken();

        Assert.Equal(start + Timeout, deadline.At);
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.Remaining);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void With_a_turn_wait_the_page_may_wait_past_its_timeout_and_the_timeout_starts_with_its_turn()
    {
        using var deadline = new UrlDeadline(Timeout, TurnWait, _time, CancellationToken.None);
        var start = _time.GetUtcNow();

        // Robots.txt and the like, before the first wait, run under the timeout as ever.
        Assert.Equal(start + Timeout, deadline.At);
        deadline.AwaitingTurn();
        Assert.Equal(start + TurnWait, deadline.TurnBy);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(deadline.Token.IsCancellationRequested);

        deadline.TurnTaken();
        Assert.Equal(_time.GetUtcNow() + Timeout, deadline.At);
        FiresAfter(deadline, Timeout);
    }

    [Fact]
    public void A_second_wait_after_a_retry_after_is_still_bounded_by_the_turn_wait_from_the_start()
    {
        using var deadline = new UrlDeadline(Timeout, TurnWait, _time, CancellationToken.None);
        var start = _time.GetUtcNow();
        deadline.AwaitingTurn();
        deadline.TurnTaken();

        // The server answered 429: the next turn may come no later than a turn wait after the page began.
        deadline.AwaitingTurn();
        Assert.Equal(start + TurnWait, deadline.At);
        FiresAfter(deadline, TurnWait);
    }

    /// <summary>The token holds until <paramref name="after"/> has passed on the fake clock, and not a millisecond longer.</summary>
    private void FiresAfter(UrlDeadline deadline, TimeSpan after)
    {
        _time.Advance(after - TimeSpan.FromMilliseconds(1));
        Assert.False(deadline.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void The_callers_cancellation_ends_it_whatever_the_wait()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = new UrlDeadline(Timeout, TurnWait, _time, caller.Token);
        deadline.AwaitingTurn();

        caller.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
    }
}
