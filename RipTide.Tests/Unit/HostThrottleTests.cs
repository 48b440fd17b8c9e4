using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RipTide.Api.Options;
using RipTide.Api.Politeness;

namespace RipTide.Tests.Unit;

public sealed class HostThrottleTests
{
    private static readonly Uri Page = new("https://example.com/a");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private HostThrottle Throttle(int concurrency = 8, int delayMs = 0) =>
        new(Options.Create(new PolitenessOptions { PerHostConcurrency = concurrency, PerHostDelayMs = delayMs }), _time);

    [Fact]
    public async Task Request_starts_to_one_host_are_spaced_by_the_crawl_delay()
    {
        var throttle = Throttle();
        var deadline = _time.GetUtcNow().AddMinutes(1);

        using var first = await throttle.AcquireAsync(Page, TimeSpan.FromSeconds(2), deadline, CancellationToken.None);
        var second = throttle.AcquireAsync(Page, TimeSpan.FromSeconds(2), deadline, CancellationToken.None);

        Assert.NotNull(first);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await second.WithinAsync(TimeSpan.FromSeconds(5), "the second request's turn");
        Assert.NotNull(lease);
    }

    [Fact]
    public async Task A_late_wake_up_pushes_the_next_request_back_so_the_delay_holds_between_actual_starts()
    {
        var throttle = Throttle();
        var deadline = _time.GetUtcNow().AddMinutes(1);
        var delay = TimeSpan.FromSeconds(2);
        using var first = await throttle.AcquireAsync(Page, delay, deadline, CancellationToken.None);
        var second = await StartOnTheFakeClockAsync(() => throttle.AcquireAsync(Page, delay, deadline, CancellationToken.None));
        var third = await StartOnTheFakeClockAsync(() => throttle.AcquireAsync(Page, delay, deadline, CancellationToken.None));

        // The machine was busy: both waiters wake a second late, together. One goes; the other must wait a
        // full delay after that one's actual start, not after the start it was first promised.
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, new[] { second, third }.Count(t => t.IsCompleted));
        var later = second.IsCompleted ? third : second;
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.False(later.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(later.IsCompleted);
        using var lease = await later;
        Assert.NotNull(lease);
        (await (later == second ? third : second))?.Dispose();
    }

    /// <summary>
    /// Starts a wait on the thread pool, outside the test framework's synchronization context and task
    /// scheduler, so that what the fake clock releases runs inline in <see cref="FakeTimeProvider.Advance"/>:
    /// when Advance returns, every waiter it woke has either started or gone back to waiting, and the test
    /// needs no real sleep to know which. Completes once the wait has begun (is waiting on the clock).
    /// </summary>
    private static Task<Task<T>> StartOnTheFakeClockAsync<T>(Func<Task<T>> start) =>
        Task.Factory.StartNew(start, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    [Fact]
    public async Task Another_host_does_not_wait_for_a_busy_one()
    {
        var throttle = Throttle();
        var deadline = _time.GetUtcNow().AddMinutes(1);

        using var first = await throttle.AcquireAsync(Page, TimeSpan.FromSeconds(30), deadline, CancellationToken.None);
        using var other = await throttle.AcquireAsync(new Uri("https://other.example/"), TimeSpan.FromSeconds(30), deadline, CancellationToken.None);

        Assert.NotNull(other);
    }

    [Fact]
    public async Task A_turn_beyond_the_deadline_is_refused_at_once()
    {
        var throttle = Throttle();
        throttle.Defer(Page, TimeSpan.FromSeconds(30));

        var lease = await throttle.AcquireAsync(Page, null, _time.GetUtcNow().AddSeconds(10), CancellationToken.None);

        Assert.Null(lease);
        Assert.Equal(30_000, throttle.Snapshot().Single().RetryAfterRemainingMs, precision: 0);
    }

    [Fact]
    public async Task Per_host_concurrency_holds_later_requests_until_a_lease_is_returned()
    {
        var throttle = Throttle(concurrency: 1);
        var deadline = _time.GetUtcNow().AddMinutes(1);

        var first = await throttle.AcquireAsync(Page, null, deadline, CancellationToken.None);
        var second = throttle.AcquireAsync(Page, null, deadline, CancellationToken.None);
        Assert.False(second.IsCompleted);

        first!.Dispose();
        using var lease = await second.WithinAsync(TimeSpan.FromSeconds(5), "the waiting request, once the lease was returned");
        Assert.NotNull(lease);
    }

    [Fact]
    public async Task Cancelling_a_wait_gives_the_slot_back()
    {
        var throttle = Throttle(concurrency: 1);
        var deadline = _time.GetUtcNow().AddMinutes(1);
        using (await throttle.AcquireAsync(Page, TimeSpan.FromSeconds(5), deadline, CancellationToken.None))
        {
        }

        using var cancel = new CancellationTokenSource();
        var waiting = throttle.AcquireAsync(Page, TimeSpan.FromSeconds(5), deadline, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        Assert.Equal(0, throttle.Snapshot().Single().InFlight);
    }
}
