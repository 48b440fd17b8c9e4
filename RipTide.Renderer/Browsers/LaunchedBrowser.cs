using Microsoft.Playwright;

namespace RipTide.Renderer.Browsers;

/// <summary>One Chromium process (tree) and its counters: renders in flight and done, and whether it is on its way out.</summary>
public sealed class LaunchedBrowser(IBrowser browser, string marker)
{
    private int _inFlight;
    private int _renders;
    private int _measuredAt = -1;

    public IBrowser Browser { get; } = browser;

    /// <summary>The value of its marker switch (<see cref="ChromiumProcesses"/>).</summary>
    public string Marker { get; } = marker;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Renders => Volatile.Read(ref _renders);

    /// <summary>No new render is given to it; it closes when its last one ends.</summary>
    public bool Retiring { get; set; }

    public bool Connected => Browser.IsConnected;

    /// <summary>Resident bytes of its processes when last measured.</summary>
    public long ResidentBytes { get; set; }

    /// <summary>Whether it is worth measuring again: never measured, a render in flight, or renders done since the last time.</summary>
    public bool TakeMeasurementTurn()
    {
        var renders = Renders;
        return InFlight > 0 || Interlocked.Exchange(ref _measuredAt, renders) != renders;
    }

    public void Began()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _renders);
    }

    /// <summary>Returns the renders still in flight.</summary>
    public int Ended() => Interlocked.Decrement(ref _inFlight);
}
