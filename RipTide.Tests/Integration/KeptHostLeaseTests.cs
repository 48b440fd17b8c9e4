using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using StackExchange.Redis;

namespace RipTide.Tests.Integration;

/// <summary>
/// A shared host lease kept for the copy's next request (no spacing): still counted by every copy, never kept past
/// <see cref="HostThrottle.KeepFor"/>, never while a Retry-After holds or another request of the copy seeks a lease. Against a real redis-server.
/// </summary>
public sealed class KeptHostLeaseTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Uri _page = new($"https://h{Guid.NewGuid():N}.example/a");

    private string Host => $"{_page.IdnHost}:{_page.Port}";

    private RedisKey Leases => SharedHostLimits.LeasesKey(Host);

    private DateTimeOffset Deadline => _time.GetUtcNow().AddSeconds(30);

    private HostThrottle Throttle(int concurrency = 8) =>
        new(Options.Create(new PolitenessOptions { PerHostConcurrency = concurrency }), _time, new SharedHostLimits(redis.Redis));

    /// <summary>The host's leases in Redis; an awaited command, so every fire-and-forget release sent before it has been applied.</summary>
    private async Task<RedisValue[]> LeasesInRedisAsync() => await redis.Redis.GetDatabase().SortedSetRangeByRankAsync(Leases);

    [Fact]
    public async Task A_lease_that_ends_serves_the_hosts_next_request_and_is_returned_once_too_old()
    {
        using var throttle = Throttle();

        using (await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None))
        {
        }

        var kept = Assert.Single(await LeasesInRedisAsync());
        using (var second = await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None))
        {
            Assert.NotNull(second);
            Assert.Equal(kept, Assert.Single(await LeasesInRedisAsync()));
        }

        // Kept again at the second request's end; the sweep returns it once it is older than KeepFor.
        _time.Advance(HostThrottle.KeepFor);
        Assert.Empty(await LeasesInRedisAsync());
        Assert.DoesNotContain(throttle.Snapshot(), host => host.InFlight != 0);
    }

    [Fact]
    public async Task A_lease_lapses_its_hold_after_its_start_however_long_its_request_could_wait_for_its_turn()
    {
        // A job's page may wait minutes for its turn and then has its timeout: a copy killed while it fetches must not
        // leave the host's slot taken for the length of the wait it was allowed.
        using var throttle = Throttle();
        var hold = TimeSpan.FromSeconds(5);
        var before = DateTimeOffset.UtcNow;

        using var lease = await throttle.AcquireAsync(_page, crawlDelay: null, _time.GetUtcNow().AddMinutes(10), CancellationToken.None, hold);

        Assert.NotNull(lease);
        var expires = DateTimeOffset.FromUnixTimeMilliseconds((long)(await redis.Redis.GetDatabase().SortedSetRangeByRankWithScoresAsync(Leases)).Single().Score);
        Assert.InRange(expires, before + hold, DateTimeOffset.UtcNow + hold + TimeSpan.FromSeconds(30) + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_kept_lease_counts_against_the_host_limit_of_every_copy_until_it_is_returned()
    {
        using var copy = Throttle(concurrency: 1);
        var other = new SharedHostLimits(redis.Redis);
        var lease = TimeSpan.FromMinutes(1);

        using (await copy.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None))
        {
        }

        Assert.Equal(SharedHostLimits.Busy, await other.TryAcquireAsync(Host, "other", 1, lease, TimeSpan.Zero, lease));
        _time.Advance(HostThrottle.KeepFor);
        Assert.Empty(await LeasesInRedisAsync());
        Assert.Equal(0, await other.TryAcquireAsync(Host, "other", 1, lease, TimeSpan.Zero, lease));
    }

    [Fact]
    public async Task A_lease_older_than_keep_for_goes_back_at_its_end_and_the_next_request_takes_a_new_one()
    {
        using var throttle = Throttle();

        var first = await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None);
        var taken = Assert.Single(await LeasesInRedisAsync());
        _time.Advance(HostThrottle.KeepFor);
        first!.Dispose();
        Assert.Empty(await LeasesInRedisAsync());

        using var second = await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None);
        Assert.NotEqual(taken, Assert.Single(await LeasesInRedisAsync()));
    }

    [Fact]
    public async Task Spaced_starts_never_keep_a_lease()
    {
        using var throttle = Throttle();

        using (await throttle.AcquireAsync(_page, crawlDelay: TimeSpan.FromSeconds(1), Deadline, CancellationToken.None))
        {
            Assert.Single(await LeasesInRedisAsync());
        }

        Assert.Empty(await LeasesInRedisAsync());
    }

    [Fact]
    public async Task A_retry_after_returns_the_kept_leases_at_once()
    {
        using var throttle = Throttle();
        using (await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None))
        {
        }

        Assert.Single(await LeasesInRedisAsync());
        throttle.Defer(_page, TimeSpan.FromSeconds(5));
        Assert.Empty(await LeasesInRedisAsync());
    }

    [Fact]
    public async Task A_request_waiting_for_the_copys_slot_gets_it_when_a_lease_ends_instead_of_the_lease_being_kept()
    {
        using var throttle = Throttle(concurrency: 1);
        var first = await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None);
        var waiting = throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        first!.Dispose();

        using var second = await waiting.WithinAsync(TimeSpan.FromSeconds(10), "the waiting request, once the only slot was given back");
        Assert.NotNull(second);
        Assert.Single(await LeasesInRedisAsync());
    }

    [Fact]
    public async Task A_lease_that_ends_while_another_request_of_the_copy_seeks_one_goes_back_at_once()
    {
        // The other copy holds one of the host's two leases and this copy the other: this copy's second request is
        // told "busy" and retries. Were the first lease kept at its end, that request could not take it (it is not
        // waiting for a kept one) and both copies would wait on a lease nobody uses.
        using var copy = Throttle(concurrency: 2);
        var lease = TimeSpan.FromMinutes(1);
        Assert.Equal(0, await new SharedHostLimits(redis.Redis).TryAcquireAsync(Host, "other", 2, lease, TimeSpan.Zero, lease));
        var first = await copy.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None);
        var firstId = Assert.Single(await LeasesInRedisAsync(), id => id != "other");
        var seeking = copy.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(seeking.IsCompleted);

        first!.Dispose();

        Assert.DoesNotContain(firstId, await LeasesInRedisAsync());
        using var second = await AdvanceUntilAsync(seeking);
        Assert.NotNull(second);
        Assert.Equal(2, (await LeasesInRedisAsync()).Length);
    }

    /// <summary>Moves the fake clock on in small steps (the throttle's retries wait on it) until <paramref name="task"/> ends.</summary>
    private async Task<T> AdvanceUntilAsync<T>(Task<T> task)
    {
        for (var step = 0; step < 500 && !task.IsCompleted; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        return await task.WithinAsync(TimeSpan.FromSeconds(5), "the request that was told busy, once a lease went back");
    }

    [Fact]
    public async Task A_stopping_copy_returns_its_kept_leases()
    {
        var throttle = Throttle();
        using (await throttle.AcquireAsync(_page, crawlDelay: null, Deadline, CancellationToken.None))
        {
        }

        Assert.Single(await LeasesInRedisAsync());
        throttle.Dispose();
        Assert.Empty(await LeasesInRedisAsync());
    }
}
