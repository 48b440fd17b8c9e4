using System.Collections.Concurrent;

namespace RipTide.Net;

/// <summary>
/// Counts the fetcher's connections per host and caps them in total: <see cref="SocketsHttpHandler"/>
/// limits connections per host only, so the connector takes a slot here before it opens a socket and the
/// stream gives it back when the pool closes the connection.
/// </summary>
public sealed class ConnectionTracker(int maxConnections) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConnections, maxConnections);
    private readonly ConcurrentDictionary<string, HostConnections> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public int MaxConnections { get; } = maxConnections;

    /// <summary>
    /// Host counters kept before idle ones are forgotten. Hosts with an open connection number at most
    /// <see cref="MaxConnections"/>, so with this at four times that a trim always frees at least three
    /// quarters of the table and runs once per that many new hosts, not on every connection.
    /// </summary>
    public int MaxHosts { get; } = Math.Max(1024, 4 * maxConnections);

    public int HostCount => _hosts.Count;

    public int OpenConnections => MaxConnections - _slots.CurrentCount;

    /// <summary>Waits for a free connection slot; the returned handle must be released exactly once.</summary>
    public async Task<ConnectionSlot> AcquireAsync(string host, int port, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        var counters = _hosts.GetOrAdd($"{host}:{port}", static _ => new HostConnections());
        Interlocked.Increment(ref counters.Open);
        Interlocked.Increment(ref counters.Opened);
        Trim();
        return new ConnectionSlot(this, counters);
    }

    public IReadOnlyDictionary<string, (int Open, long Opened)> Snapshot() =>
        _hosts.ToDictionary(entry => entry.Key, entry => (Volatile.Read(ref entry.Value.Open), Interlocked.Read(ref entry.Value.Opened)));

    /// <summary>
    /// Forgets hosts with no open connection once the table grows past <see cref="MaxHosts"/>. A host that
    /// connects again while it is being forgotten counts on in a detached entry: only the per-host view
    /// misses it for a moment, while the total cap (the semaphore) is never wrong.
    /// </summary>
    private void Trim()
    {
        if (_hosts.Count <= MaxHosts)
        {
            return;
        }

        foreach (var entry in _hosts)
        {
            if (Volatile.Read(ref entry.Value.Open) == 0)
            {
                _hosts.TryRemove(entry);
            }
        }
    }

    public void Dispose() => _slots.Dispose();

    private void Release(HostConnections counters)
    {
        Interlocked.Decrement(ref counters.Open);
        _slots.Release();
    }

    internal sealed class HostConnections
    {
        public int Open;
        public long Opened;
    }

    /// <summary>One counted connection; releasing it twice is harmless.</summary>
    public sealed class ConnectionSlot
    {
        private readonly ConnectionTracker _owner;
        private readonly HostConnections _counters;
        private int _released;

        internal ConnectionSlot(ConnectionTracker owner, HostConnections counters)
        {
            _owner = owner;
            _counters = counters;
        }

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner.Release(_counters);
            }
        }
    }
}
