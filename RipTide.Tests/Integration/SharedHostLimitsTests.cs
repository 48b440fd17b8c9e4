using RipTide.Api.Politeness;

namespace RipTide.Tests.Integration;

/// <summary>The per-host politeness scripts that every Api copy shares, against a real redis-server.</summary>
public sealed class SharedHostLimitsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static string NewHost() => $"host-{Guid.NewGuid():N}:80";

    [Fact]
    public async Task Turns_are_reserved_one_spacing_apart()
    {
        var limits = new SharedHostLimits(redis.Redis);
        var host = NewHost();

        Assert.Equal(0, await limits.TryAcquireAsync(host, "a", 8, Lease, Spacing, Lease));
        var second = await limits.TryAcquireAsync(host, "b", 8, Lease, Spacing, Lease);

        Assert.InRange(second, 1000, 2000);
    }

    [Fact]
    public async Task A_turn_is_confirmed_against_the_last_actual_start_so_a_late_start_pushes_the_next_back()
    {
        var limits = new SharedHostLimits(redis.Redis);
        var host = NewHost();

        // Another copy's request started only now (it woke late to its turn): a turn reserved for this moment waits
        // a whole spacing after that start, and is confirmed once it has waited.
        Assert.Equal(0, await limits.ConfirmStartAsync(host, Spacing));
        var more = await limits.ConfirmStartAsync(host, Spacing);
        Assert.InRange(more, 1000, 2000);

        await Task.Delay(TimeSpan.FromMilliseconds(more + 20));
        Assert.Equal(0, await limits.ConfirmStartAsync(host, Spacing));
    }

    [Fact]
    public async Task The_host_limit_in_flight_answers_busy_and_a_turn_past_the_longest_wait_answers_too_late()
    {
        var limits = new SharedHostLimits(redis.Redis);
        var host = NewHost();

        Assert.Equal(0, await limits.TryAcquireAsync(host, "a", 1, Lease, Spacing, Lease));
        Assert.Equal(SharedHostLimits.Busy, await limits.TryAcquireAsync(host, "b", 1, Lease, Spacing, Lease));

        // The release goes fire-and-forget down the same connection, so it is applied before the next call.
        limits.Release(host, "a");
        Assert.Equal(SharedHostLimits.TooLate, await limits.TryAcquireAsync(host, "b", 1, Lease, Spacing, TimeSpan.FromMilliseconds(100)));
        Assert.InRange(await limits.TryAcquireAsync(host, "b", 1, Lease, Spacing, Lease), 1000, 2000);
    }
}
