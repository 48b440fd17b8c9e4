namespace RipTide.Api.Jobs;

/// <summary>
/// One copy's slots for one job. A working slot is one of the job's <c>concurrency</c> and one of the copy's
/// (shared by all its jobs); only a page being worked on holds one. A page that has to wait for its host's turn (a
/// paced host, or the job's own per-host limit) gives its working slot back until the turn comes, so that a slow
/// host's backlog does not hold the job's other hosts to its pace. What a copy claims stays bounded: at most
/// <c>concurrency + maxWaiting</c> entries at once, the rest of the frontier waiting in Redis.
/// </summary>
/// <remarks>
/// Never waits for a working slot while holding one, and a page holding a working slot never waits for a host: so
/// a page that holds its host's turn while it waits for a working slot always gets one from a page that finishes.
/// </remarks>
public sealed class JobSlots(SemaphoreSlim copySlots, int concurrency, int maxWaiting) : IDisposable
{
    private readonly SemaphoreSlim _claims = new(concurrency + maxWaiting, concurrency + maxWaiting);
    private readonly SemaphoreSlim _working = new(concurrency, concurrency);

    /// <summary>Waits for room to claim one more entry and for a working slot to claim it with.</summary>
    public async Task<JobSlot> TakeAsync(CancellationToken cancellationToken)
    {
        await _claims.WaitAsync(cancellationToken);
        try
        {
            await TakeWorkingAsync(cancellationToken);
        }
        catch
        {
            _claims.Release();
            throw;
        }

        return new JobSlot(this);
    }

    /// <summary>
    /// Whether the copy has a slot nobody holds. When it has none, another of the copy's jobs may be waiting for one,
    /// so a page that ends gives its slot back rather than passing it to the next entry of its own job.
    /// </summary>
    public bool CopyHasRoom => copySlots.CurrentCount > 0;

    internal async Task TakeWorkingAsync(CancellationToken cancellationToken)
    {
        await _working.WaitAsync(cancellationToken);
        try
        {
            await copySlots.WaitAsync(cancellationToken);
        }
        catch
        {
            _working.Release();
            throw;
        }
    }

    internal void ReleaseWorking()
    {
        copySlots.Release();
        _working.Release();
    }

    internal void ReleaseClaim() => _claims.Release();

    public void Dispose()
    {
        _claims.Dispose();
        _working.Dispose();
    }
}

/// <summary>One claimed entry's place in <see cref="JobSlots"/>: disposing it gives back what it holds, once.</summary>
public sealed class JobSlot : IDisposable
{
    private JobSlots? _slots;
    private bool _working = true;

    internal JobSlot(JobSlots slots) => _slots = slots;

    /// <summary>
    /// Waits for its host's <paramref name="turn"/> without a working slot, then takes one again. When the wait is
    /// cancelled the entry holds no working slot any more, and a turn it got is given back.
    /// </summary>
    public async Task<IDisposable> WaitForTurnAsync(Func<CancellationToken, Task<IDisposable>> turn, CancellationToken cancellationToken)
    {
        var slots = _slots ?? throw new ObjectDisposedException(nameof(JobSlot));
        _working = false;
        slots.ReleaseWorking();
        var entered = await turn(cancellationToken);
        try
        {
            await slots.TakeWorkingAsync(cancellationToken);
        }
        catch
        {
            entered.Dispose();
            throw;
        }

        _working = true;
        return entered;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _slots, null) is not { } slots)
        {
            return;
        }

        if (_working)
        {
            slots.ReleaseWorking();
        }

        slots.ReleaseClaim();
    }
}
