using System.Text;
using Wasmtime;

namespace RipTide.Sandbox;

/// <summary>
/// One Store and instance of the extraction module. Used by one caller at a time; disposed after any
/// trap, since a trapped instance's memory may be torn.
/// </summary>
public sealed class WasmSlot : IDisposable
{
    private const long GuestBadUrl = -1;
    private const long GuestTooComplex = -3;

    /// <summary>
    /// The guest calls back at the next advance of the engine's epoch, which happens only when some call's budget
    /// stops (<see cref="GuestBudget.Stop"/>); the callback checks its own budget and, when that still holds, waits
    /// for the advance after.
    /// </summary>
    private const ulong CheckAtNextAdvance = 1;

    private readonly Engine _engine;
    private readonly Store _store;
    private readonly Memory _memory;
    private readonly Func<int, int> _alloc;
    private readonly Action<int, int> _dealloc;
    private readonly Func<int, int, int, int, int, long> _extract;
    private readonly Func<int> _allocationFailed;
    private GuestBudget _budget = GuestBudget.Unlimited;

    public WasmSlot(Engine engine, Module module, Linker linker, long maxMemoryBytes, int generation)
    {
        Generation = generation;
        _engine = engine;
        _store = new Store(engine);
        _store.SetLimits(memorySize: maxMemoryBytes);
        // A new store's epoch deadline has already passed: set one before instantiating.
        _store.SetEpochDeadline(ulong.MaxValue / 2);
        _store.SetEpochDeadlineCallback(_ => CheckBudget());
        var instance = linker.Instantiate(_store, module);
        _memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("The module exports no memory.");
        _alloc = instance.GetFunction<int, int>("alloc") ?? throw new InvalidOperationException("The module exports no alloc.");
        _dealloc = instance.GetAction<int, int>("dealloc") ?? throw new InvalidOperationException("The module exports no dealloc.");
        _extract = instance.GetFunction<int, int, int, int, int, long>("extract") ?? throw new InvalidOperationException("The module exports no extract.");
        _allocationFailed = instance.GetFunction<int>("allocation_failed") ?? throw new InvalidOperationException("The module exports no allocation_failed.");
        MemoryBytes = _memory.GetLength();
    }

    public int Generation { get; }

    /// <summary>
    /// Fuel left in the store, for the benchmark's instruction count: only an engine built with fuel
    /// consumption has any (the services never meter fuel; their deadline is the epoch).
    /// </summary>
    public ulong Fuel
    {
        get => _store.Fuel;
        set => _store.Fuel = value;
    }

    public int Calls { get; private set; }

    /// <summary>Linear memory after the last call (it never shrinks), readable from any thread.</summary>
    public long MemoryBytes { get; private set; }

    /// <summary>
    /// Runs <c>extract</c> within <paramref name="budget"/>: once its deadline passes or it is cancelled, the
    /// guest stops at its next epoch check (a <see cref="WasmtimeException"/> whose inner exception says
    /// which). Buffers are freed only after a successful call: after a trap the slot is disposed whole, and
    /// calling into it again could trap anew and hide the first failure.
    /// </summary>
    public byte[] Extract(ReadOnlySpan<byte> html, string url, int optionBits, GuestBudget budget)
    {
        Calls++;
        _budget = budget;
        _store.SetEpochDeadline(CheckAtNextAdvance);
        // Registered only once the deadline is set: a stop from now on advances the epoch past it, and a budget
        // that already stopped advances it here, before the guest starts. No thread ticks while guests run.
        using var interrupt = budget.Stop.UnsafeRegister(static engine => ((Engine)engine!).IncrementEpoch(), _engine);
        var urlBytes = Encoding.UTF8.GetBytes(url);
        var htmlPointer = Copy(html);
        var urlPointer = Copy(urlBytes);
        long packed;
        try
        {
            packed = _extract(htmlPointer, html.Length, urlPointer, urlBytes.Length, optionBits);
        }
        finally
        {
            MemoryBytes = _memory.GetLength();
        }

        if (packed == GuestTooComplex)
        {
            throw new ExtractionFailedException(ExtractionFailureKind.TooComplex, "The page nests elements too deeply to be extracted.");
        }

        if (packed < 0)
        {
            throw new ExtractionFailedException(
                packed == GuestBadUrl ? ExtractionFailureKind.Trap : ExtractionFailureKind.OutOfMemory,
                $"The extraction module reported error {packed}.");
        }

        var pointer = (int)(packed >> 32);
        var length = (int)(packed & 0xFFFF_FFFF);
        var result = _memory.GetSpan(pointer, length).ToArray();
        _dealloc(pointer, length);
        _dealloc(htmlPointer, Math.Max(1, html.Length));
        _dealloc(urlPointer, Math.Max(1, urlBytes.Length));
        return result;
    }

    /// <summary>Whether the last call failed an allocation; asked after a trap, so it must not throw.</summary>
    public bool AllocationFailed()
    {
        try
        {
            _store.SetEpochDeadline(1000);
            return _allocationFailed() != 0;
        }
        catch (WasmtimeException)
        {
            return false;
        }
    }

    public void Dispose() => _store.Dispose();

    /// <summary>The epoch callback: runs on the guest's thread; throwing stops the guest.</summary>
    private ulong CheckBudget()
    {
        _budget.Cancellation.ThrowIfCancellationRequested();
        if (_budget.Expired)
        {
            throw new GuestDeadlineExceededException();
        }

        return CheckAtNextAdvance;
    }

    private int Copy(ReadOnlySpan<byte> bytes)
    {
        // alloc(0) has no address to give; one byte keeps every pointer valid.
        var pointer = _alloc(Math.Max(1, bytes.Length));
        if (pointer == 0)
        {
            throw new ExtractionFailedException(ExtractionFailureKind.OutOfMemory, "The module could not allocate room for the input.");
        }

        bytes.CopyTo(_memory.GetSpan(pointer, bytes.Length));
        return pointer;
    }
}
