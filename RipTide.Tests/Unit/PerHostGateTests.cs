using RipTide.Api.Crawling;

namespace RipTide.Tests.Unit;

public sealed class PerHostGateTests
{
    private static readonly Uri First = new("https://a.test/1");
    private static readonly Uri Second = new("https://a.test/2");
    private static readonly Uri Elsewhere = new("https://b.test/1");

    [Fact]
    public async Task A_paced_host_takes_one_url_at_a_time_and_other_hosts_are_not_held_up()
    {
        var gate = new PerHostGate(limit: 16, serverLimit: 16);

        var entered = await gate.EnterAsync(First, paced: true, CancellationToken.None);
        var waiting = gate.EnterAsync(Second, paced: true, CancellationToken.None);
        using (await gate.EnterAsync(Elsewhere, paced: true, CancellationToken.None))
        using (await gate.EnterAsync(Second, paced: false, CancellationToken.None))
        {
            Assert.False(waiting.IsCompleted);
        }

        entered.Dispose();
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_lowered_limit_holds_a_host_to_it_and_the_servers_own_lets_everything_through()
    {
        var lowered = new PerHostGate(limit: 2, serverLimit: 16);
        using var one = await lowered.EnterAsync(First, paced: false, CancellationToken.None);
        using var two = await lowered.EnterAsync(Second, paced: false, CancellationToken.None);
        var third = lowered.EnterAsync(First, paced: false, CancellationToken.None);
        Assert.False(third.IsCompleted);
        two.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        var open = new PerHostGate(limit: 16, serverLimit: 16);
        var entries = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => open.EnterAsync(First, paced: false, CancellationToken.None)));
        Assert.Equal(32, entries.Length);
    }

    [Fact]
    public async Task Waiting_for_a_turn_ends_when_the_crawl_is_cancelled()
    {
        var gate = new PerHostGate(limit: 16, serverLimit: 16);
        using var entered = await gate.EnterAsync(First, paced: true, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(Second, paced: true, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Trying_to_enter_never_waits_and_enters_only_where_there_is_room()
    {
        var gate = new PerHostGate(limit: 16, serverLimit: 16);

        var entered = gate.TryEnter(First, paced: true);
        Assert.NotNull(entered);
        Assert.Null(gate.TryEnter(Second, paced: true));
        using (var elsewhere = gate.TryEnter(Elsewhere, paced: true))
        using (var unpaced = gate.TryEnter(Second, paced: false))
        {
            Assert.NotNull(elsewhere);
            Assert.NotNull(unpaced);
        }

        entered!.Dispose();
        using var next = await gate.EnterAsync(Second, paced: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(gate.TryEnter(First, paced: true));
    }
}
