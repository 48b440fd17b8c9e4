using RipTide.Net;

namespace RipTide.Tests.Unit;

public sealed class ConnectionTrackerTests
{
    [Fact]
    public async Task The_per_host_table_stays_bounded_however_many_hosts_are_crawled()
    {
        using var tracker = new ConnectionTracker(maxConnections: 10);

        for (var i = 0; i < tracker.MaxHosts * 3; i++)
        {
            var slot = await tracker.AcquireAsync($"host-{i}.example", 443, CancellationToken.None);
            slot.Release();
            Assert.True(tracker.HostCount <= tracker.MaxHosts + 1, $"{tracker.HostCount} host entries after {i + 1} hosts");
        }
    }

    [Fact]
    public async Task A_host_with_an_open_connection_is_never_forgotten_by_a_trim()
    {
        using var tracker = new ConnectionTracker(maxConnections: 10);
        var held = await tracker.AcquireAsync("held.example", 8443, CancellationToken.None);

        for (var i = 0; i < tracker.MaxHosts * 2; i++)
        {
            (await tracker.AcquireAsync($"host-{i}.example", 443, CancellationToken.None)).Release();
        }

        Assert.Equal((1, 1L), tracker.Snapshot()["held.example:8443"]);
        held.Release();
        held.Release(); // releasing twice gives back once
        Assert.Equal(0, tracker.OpenConnections);
    }

    [Fact]
    public async Task Beyond_the_total_cap_a_connection_waits_until_another_is_released()
    {
        using var tracker = new ConnectionTracker(maxConnections: 2);
        var first = await tracker.AcquireAsync("a.example", 443, CancellationToken.None);
        await tracker.AcquireAsync("b.example", 443, CancellationToken.None);

        var third = tracker.AcquireAsync("c.example", 443, CancellationToken.None);
        Assert.False(third.IsCompleted);

        first.Release();
        (await third.WithinAsync(TimeSpan.FromSeconds(10), "the waiting connection, once another was released")).Release();
        Assert.Equal(1, tracker.OpenConnections);
    }

    [Fact]
    public async Task Waiting_for_a_connection_can_be_cancelled()
    {
        using var tracker = new ConnectionTracker(maxConnections: 1);
        await tracker.AcquireAsync("a.example", 443, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.AcquireAsync("b.example", 443, cancel.Token));
        Assert.Equal(1, tracker.OpenConnections);
    }
}
