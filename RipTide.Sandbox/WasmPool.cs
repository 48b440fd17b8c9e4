using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RipTide.Contracts.Extraction;
using Wasmtime;

namespace RipTide.Sandbox;

/// <summary>
/// A bounded pool of extraction instances over one Engine and one compiled Module. Callers wait for a
/// free slot (cancellably); a slot that traps, times out or runs out of memory is disposed and replaced,
/// and slots are recycled after many calls or once their memory grew large. A reset replaces every idle
/// slot at once and every busy one when its call ends, so no in-flight call fails. Large pages take
/// longer, so they share a lane of their own (<see cref="WasmSandboxOptions.HeavyInputBytes"/>): however many
/// arrive, part of the pool stays free for ordinary pages.
/// </summary>
public sealed class WasmPool : IDisposable
{
    private readonly WasmSandboxOptions _options;
    private readonly ExtractorMetrics _metrics;
    private readonly ILogger<WasmPool> _logger;
    private readonly Engine _engine;
    private readonly Module _module;
    private readonly Linker _linker;
    private readonly Channel<WasmSlot> _idle;
    private readonly SemaphoreSlim _heavyLane;
    private readonly DurationWindow _durations = new(4096);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<WasmSlot, bool> _live = new();
    private int _generation;
    private int _inUse;
    private int _waiting;
    private long _waits;
    private long _extractions;
    private long _failures;
    private long _traps;
    private long _timeouts;
    private long _outOfMemory;
    private long _recycles;
    private long _resets;
    private long _peakMemory;
    private long _overloaded;
    private long _cancelled;
    private readonly long _freshMemoryBytes;
    private long _tooComplex;

    /// <remarks>
    /// <c>epochInterruption</c>: Wasmtime's epoch checks are what enforce <see cref="WasmSandboxOptions.DeadlineMs"/>
    /// and cancellation; they cost about a quarter of the guest's time (docs/BENCHMARKS.md). Not an option
    /// (configuration cannot turn deadlines off): only the extraction benchmark passes false, to measure that cost.
    /// </remarks>
    public WasmPool(IOptions<WasmSandboxOptions> options, IHostEnvironment environment, ExtractorMetrics metrics, ILogger<WasmPool> logger, bool epochInterruption = true)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        var profiling = _options.PerfMap ? ProfilingStrategy.PerfMap : ProfilingStrategy.None;
        using (var config = new Config().WithEpochInterruption(epochInterruption).WithProfilingStrategy(profiling))
        {
            _engine = new Engine(config);
        }

        var modulePath = ResolveModulePath(_options.ModulePath, environment.ContentRootPath);
        var cache = string.IsNullOrWhiteSpace(_options.CompiledCacheDirectory) ? Path.Combine(Path.GetTempPath(), "riptide-wasm-cache") : _options.CompiledCacheDirectory;
        _module = WasmModuleLoader.Load(_engine, epochInterruption ? "epoch" : "no-epoch", modulePath, cache, out var hash);
        ModuleHash = hash;
        _linker = new Linker(_engine);

        Size = _options.EffectivePoolSize;
        HeavyLaneSize = Math.Max(1, Size / 2);
        _heavyLane = new SemaphoreSlim(HeavyLaneSize, HeavyLaneSize);
        _idle = Channel.CreateBounded<WasmSlot>(new BoundedChannelOptions(Size) { FullMode = BoundedChannelFullMode.Wait });
        for (var i = 0; i < Size; i++)
        {
            var slot = NewSlot();
            _freshMemoryBytes = Math.Max(_freshMemoryBytes, slot.MemoryBytes);
            _idle.Writer.TryWrite(slot);
        }
    }

    public int Size { get; }

    public string ModuleHash { get; }

    /// <summary>Slots that pages of <see cref="WasmSandboxOptions.HeavyInputBytes"/> or more may hold at once.</summary>
    public int HeavyLaneSize { get; }

    /// <summary>
    /// Extracts in a free slot; waits (cancellably) while all are busy. The guest runs until the configured
    /// deadline or <paramref name="budget"/> (the caller's remaining time), whichever is sooner, and stops
    /// when <paramref name="cancellationToken"/> fires (then <see cref="OperationCanceledException"/>).
    /// </summary>
    public async Task<WasmResult> ExtractAsync(ReadOnlyMemory<byte> html, string url, int optionBits, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        if (html.Length > _options.MaxInputBytes)
        {
            throw new ExtractionFailedException(ExtractionFailureKind.TooLarge, $"The page is larger than {_options.MaxInputBytes} bytes.");
        }

        var configured = TimeSpan.FromMilliseconds(_options.DeadlineMs);
        var limit = budget is { } given && given < configured ? given : configured;
        // The deadline counts from here, the wait for a slot included.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit > TimeSpan.Zero)
        {
            deadline.CancelAfter(limit);
        }
        else
        {
            // Already spent: stopped now (CancelAfter would only fire on the timer thread, and reads -1 ms as never).
            limit = TimeSpan.Zero;
            deadline.Cancel();
        }

        var guestBudget = new GuestBudget(deadline.Token, cancellationToken);
        var heavy = html.Length >= _options.HeavyInputBytes;
        if (heavy)
        {
            await WaitAsync(() => _heavyLane.WaitAsync(cancellationToken));
        }

        try
        {
            return await ExtractInSlotAsync(html, url, optionBits, guestBudget, limit, cancellationToken);
        }
        finally
        {
            if (heavy)
            {
                _heavyLane.Release();
            }
        }
    }

    private async Task<WasmResult> ExtractInSlotAsync(
        ReadOnlyMemory<byte> html, string url, int optionBits, GuestBudget budget, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!_idle.Reader.TryRead(out var slot))
        {
            slot = await WaitAsync(() => _idle.Reader.ReadAsync(cancellationToken).AsTask());
        }

        if (budget.Expired)
        {
            // The wait used the whole budget: running the guest could only be interrupted.
            _idle.Writer.TryWrite(slot);
            Interlocked.Increment(ref _timeouts);
            throw new ExtractionFailedException(ExtractionFailureKind.Timeout, $"No extraction slot was free within {limit.TotalMilliseconds:0} ms.");
        }

        Interlocked.Increment(ref _inUse);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var json = slot.Extract(html.Span, url, optionBits, budget);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var memory = slot.MemoryBytes;
            Interlocked.Increment(ref _extractions);
            _durations.Add(elapsed.TotalMilliseconds);
            CheckMemory(memory);
            Return(slot);
            return new WasmResult(json, elapsed, memory);
        }
        catch (Exception ex) when (ex.InnerException is OperationCanceledException)
        {
            // The caller gave up: not a failure of the page, but the stopped instance may be torn all the same.
            Interlocked.Increment(ref _cancelled);
            Replace(slot);
            throw new OperationCanceledException("The extraction was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is TrapException or WasmtimeException or ExtractionFailedException)
        {
            Interlocked.Increment(ref _failures);
            var failure = Classify(ex, slot, limit);
            _metrics.RecordSandboxFailure(failure.Kind.ToString());
            SandboxLog.SlotReplaced(_logger, failure.Kind, ex);
            Replace(slot);
            throw failure;
        }
        catch
        {
            // Anything unforeseen still must not leak the slot: the pool would shrink until it deadlocks.
            Interlocked.Increment(ref _failures);
            Replace(slot);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inUse);
        }
    }

    /// <summary>The waiting line (for a slot, or for the heavy lane) is bounded: a flood of callers is refused, not queued without limit.</summary>
    private async Task<T> WaitAsync<T>(Func<Task<T>> wait)
    {
        if (Interlocked.Increment(ref _waiting) > _options.MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            Interlocked.Increment(ref _overloaded);
            throw new ExtractionFailedException(ExtractionFailureKind.Overloaded, "Every extraction slot is busy; try again shortly.");
        }

        Interlocked.Increment(ref _waits);
        try
        {
            return await wait();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private Task<bool> WaitAsync(Func<Task> wait) => WaitAsync(async () =>
    {
        await wait();
        return true;
    });

    /// <summary>Recycles every slot: idle ones now, busy ones when their call returns.</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        Interlocked.Increment(ref _resets);
        var drained = new List<WasmSlot>();
        while (_idle.Reader.TryRead(out var slot))
        {
            drained.Add(slot);
        }

        foreach (var slot in drained)
        {
            Replace(slot, countAsRecycle: true);
        }
    }

    /// <summary>
    /// Replaces every idle slot whose linear memory grew past what a fresh slot starts with (it never shrinks
    /// by itself), so that the memory a burst of large pages grew is given back once the burst is over.
    /// </summary>
    public int TrimIdle()
    {
        var idle = new List<WasmSlot>();
        while (_idle.Reader.TryRead(out var slot))
        {
            idle.Add(slot);
        }

        var replaced = 0;
        foreach (var slot in idle)
        {
            if (slot.MemoryBytes > _freshMemoryBytes * 2)
            {
                Replace(slot, countAsRecycle: true);
                replaced++;
            }
            else
            {
                _idle.Writer.TryWrite(slot);
            }
        }

        return replaced;
    }

    public WasmPoolStats Stats()
    {
        var (p50, p95) = _durations.Percentiles();
        return new WasmPoolStats(
            Size,
            Volatile.Read(ref _inUse),
            Interlocked.Read(ref _waits),
            Interlocked.Read(ref _extractions),
            Interlocked.Read(ref _failures),
            Interlocked.Read(ref _traps),
            Interlocked.Read(ref _timeouts),
            Interlocked.Read(ref _outOfMemory),
            Interlocked.Read(ref _recycles),
            Interlocked.Read(ref _resets),
            Interlocked.Read(ref _overloaded),
            Math.Round(p50, 3),
            Math.Round(p95, 3),
            Interlocked.Read(ref _peakMemory),
            [.. _live.Keys.Select(slot => slot.MemoryBytes).Order()],
            ModuleHash)
        {
            Cancelled = Interlocked.Read(ref _cancelled),
            TooComplex = Interlocked.Read(ref _tooComplex),
        };
    }

    public void Dispose()
    {
        _heavyLane.Dispose();
        while (_idle.Reader.TryRead(out var slot))
        {
            slot.Dispose();
        }

        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    /// <summary>A relative path is looked up under the content root, then next to the assemblies.</summary>
    private static string ResolveModulePath(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        var underContentRoot = Path.Combine(contentRoot, configured);
        return File.Exists(underContentRoot) ? underContentRoot : Path.Combine(AppContext.BaseDirectory, configured);
    }

    private WasmSlot NewSlot()
    {
        var slot = new WasmSlot(_engine, _module, _linker, _options.MaxMemoryBytes, Volatile.Read(ref _generation));
        _live[slot] = true;
        return slot;
    }

    private void Return(WasmSlot slot)
    {
        var stale = slot.Generation != Volatile.Read(ref _generation)
            || slot.Calls >= _options.RecycleAfterCalls
            || slot.MemoryBytes > _options.RecycleAboveBytes;
        if (stale)
        {
            Replace(slot, countAsRecycle: true);
        }
        else
        {
            _idle.Writer.TryWrite(slot);
        }
    }

    private void Replace(WasmSlot slot, bool countAsRecycle = false)
    {
        _live.TryRemove(slot, out _);
        slot.Dispose();
        if (countAsRecycle)
        {
            Interlocked.Increment(ref _recycles);
        }

        _idle.Writer.TryWrite(NewSlot());
    }

    private void CheckMemory(long bytes)
    {
        long peak;
        while (bytes > (peak = Interlocked.Read(ref _peakMemory)) && Interlocked.CompareExchange(ref _peakMemory, bytes, peak) != peak)
        {
        }

        _metrics.RecordGuestMemory(bytes);
        if (bytes > _options.CriticalMemoryBytes)
        {
            SandboxLog.GuestMemoryCritical(_logger, bytes);
        }
        else if (bytes > _options.WarnMemoryBytes)
        {
            SandboxLog.GuestMemoryHigh(_logger, bytes);
        }
    }

    private ExtractionFailedException Classify(Exception exception, WasmSlot slot, TimeSpan limit)
    {
        if (exception is ExtractionFailedException known)
        {
            if (known.Kind == ExtractionFailureKind.OutOfMemory)
            {
                Interlocked.Increment(ref _outOfMemory);
            }
            else if (known.Kind == ExtractionFailureKind.TooComplex)
            {
                Interlocked.Increment(ref _tooComplex);
            }

            return known;
        }

        if (exception.InnerException is GuestDeadlineExceededException || exception is TrapException { Type: TrapCode.Interrupt })
        {
            Interlocked.Increment(ref _timeouts);
            return new ExtractionFailedException(ExtractionFailureKind.Timeout, $"Extraction did not finish within {limit.TotalMilliseconds:0} ms.", exception);
        }

        if (slot.AllocationFailed())
        {
            Interlocked.Increment(ref _outOfMemory);
            return new ExtractionFailedException(ExtractionFailureKind.OutOfMemory, $"Extraction needed more than {_options.MaxMemoryBytes} bytes of memory.", exception);
        }

        Interlocked.Increment(ref _traps);
        return new ExtractionFailedException(ExtractionFailureKind.Trap, "The extraction module trapped.", exception);
    }
}

/// <summary>The guest's JSON output and what the call cost.</summary>
public sealed record WasmResult(byte[] Json, TimeSpan Elapsed, long MemoryBytes);
