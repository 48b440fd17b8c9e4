using Wasmtime;

namespace RipTide.Sandbox;

/// <summary>
/// Advances an engine's epoch, which is what stops a guest past its deadline, every tick while at least one guest
/// runs, and sleeps while none does. A thread of its own rather than a <see cref="Timer"/>: a 10 ms timer woke the
/// timer thread several times per tick and a thread-pool worker once more, about 900 context switches a second
/// whether or not anything ran, and on a virtual machine each one costs more than the tick's work
/// (docs/BENCHMARKS.md, "Deep crawl jobs").
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly Engine _engine;
    private readonly TimeSpan _tick;
    private readonly ManualResetEventSlim _running = new(initialState: false, spinCount: 0);
    private readonly Thread _thread;
    private int _active;
    private volatile bool _stopped;

    public EpochTicker(Engine engine, TimeSpan tick)
    {
        _engine = engine;
        _tick = tick;
        _thread = new Thread(Run) { IsBackground = true, Name = "Wasm epoch" };
        _thread.Start();
    }

    /// <summary>A guest starts running: ticks go on (or start again) until every guest has left.</summary>
    public void Enter()
    {
        if (Interlocked.Increment(ref _active) == 1)
        {
            _running.Set();
        }
    }

    public void Exit() => Interlocked.Decrement(ref _active);

    public void Dispose()
    {
        _stopped = true;
        _running.Set();
        _thread.Join();
        _running.Dispose();
    }

    private void Run()
    {
        while (!_stopped)
        {
            if (Volatile.Read(ref _active) == 0)
            {
                // Reset before the second look: an Enter in between sets the event again, so no wake-up is lost.
                _running.Reset();
                if (Volatile.Read(ref _active) == 0)
                {
                    _running.Wait();
                }

                continue;
            }

            Thread.Sleep(_tick);
            _engine.IncrementEpoch();
        }
    }
}
