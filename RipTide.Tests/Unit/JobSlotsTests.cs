using RipTide.Api.Jobs;

namespace RipTide.Tests.Unit;

/// <summary>A copy's slots for one job: pages waiting for their host's turn give their working slots to the job's other pages.</summary>
public sealed class JobSlotsTests : IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    /// <summary>The copy's slots, shared by all its jobs.</summary>
    private readonly SemaphoreSlim _copy = new(64, 64);

    public void Dispose() => _copy.Dispose();

    [Fact]
    public async Task A_page_waiting_for_its_turn_lets_another_page_work_and_takes_a_slot_again_when_the_turn_comes()
    {
        using var slots = new JobSlots(_copy, concurrency: 1, maxWaiting: 4);

        using var waiting = await slots.TakeAsync(CancellationToken.None);
        var turn = new TaskCompletionSource<IDisposable>();
        var waited = waiting.WaitForTurnAsync(_ => turn.Task, CancellationToken.None);

        // The job's one working slot is free for another host's page while the first waits.
        var working = await slots.TakeAsync(CancellationToken.None).WaitAsync(Soon);
        Assert.Equal(63, _copy.CurrentCount);

        // The turn comes while the other page works: the first waits for the slot, holding its turn.
        var hostTurn = new Turn();
        turn.SetResult(hostTurn);
        await Task.Delay(50);
        Assert.False(waited.IsCompleted);

        working.Dispose();
        Assert.Same(hostTurn, await waited.WaitAsync(Soon));
        Assert.False(hostTurn.Disposed);
        Assert.Equal(63, _copy.CurrentCount);
    }

    [Fact]
    public async Task The_copy_has_room_for_another_job_only_while_one_of_its_slots_is_free()
    {
        // A job's page that ends passes its slot to the job's next entry only while the copy has room: with none,
        // another job of the copy may be waiting for a slot.
        using var copy = new SemaphoreSlim(2, 2);
        using var slots = new JobSlots(copy, concurrency: 4, maxWaiting: 0);

        var first = await slots.TakeAsync(CancellationToken.None).WaitAsync(Soon);
        Assert.True(slots.CopyHasRoom);
        using var second = await slots.TakeAsync(CancellationToken.None).WaitAsync(Soon);
        Assert.False(slots.CopyHasRoom);
        first.Dispose();
        Assert.True(slots.CopyHasRoom);
    }

    [Fact]
    public async Task Claims_are_bounded_by_the_working_slots_and_the_waiting_places()
    {
        using var slots = new JobSlots(_copy, concurrency: 1, maxWaiting: 2);
        var never = new TaskCompletionSource<IDisposable>();

        var aside = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var slot = await slots.TakeAsync(CancellationToken.None).WaitAsync(Soon);
            aside.Add(slot.WaitForTurnAsync(_ => never.Task, CancellationToken.None));
        }

        // Three entries claimed (one slot, two waiting places), all waiting aside: a fourth is not claimed.
        var fourth = slots.TakeAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);
        Assert.All(aside, waiting => Assert.False(waiting.IsCompleted));
        Assert.Equal(64, _copy.CurrentCount);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_back_the_turn_and_the_slot_is_released_once()
    {
        using var slots = new JobSlots(_copy, concurrency: 1, maxWaiting: 1);
        using var cancel = new CancellationTokenSource();

        var slot = await slots.TakeAsync(CancellationToken.None);
        var hostTurn = new Turn();
        var blocker = new TaskCompletionSource();
        var waited = slot.WaitForTurnAsync(async _ =>
        {
            await blocker.Task;
            return hostTurn;
        }, cancel.Token);

        // Another page takes the working slot; the turn comes, and the job stops while the first waits for a slot.
        var other = await slots.TakeAsync(CancellationToken.None).WaitAsync(Soon);
        blocker.SetResult();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waited.WaitAsync(Soon));
        Assert.True(hostTurn.Disposed);

        slot.Dispose();
        slot.Dispose();
        other.Dispose();
        Assert.Equal(64, _copy.CurrentCount);
        using var again = await slots.TakeAsync(CancellationToken.None).WaitAsync(Soon);
    }

    private sealed class Turn : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
