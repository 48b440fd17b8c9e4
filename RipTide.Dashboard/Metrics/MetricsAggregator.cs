using System.Collections.Concurrent;
using RipTide.Contracts.Metrics;

namespace RipTide.Dashboard.Metrics;

/// <summary>
/// The latest snapshot of every replica, shared by all circuits. Replicas silent for longer than
/// <see cref="StaleAfter"/> drop out of the views (a stopped replica must not inflate the totals).
/// </summary>
public sealed class MetricsAggregator(TimeProvider time)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, ReplicaView> _replicas = new(StringComparer.Ordinal);

    /// <summary>Raised after every accepted snapshot; handlers must be quick and must not throw.</summary>
    public event Action? Changed;

    /// <summary>Most replicas tracked at once; silent ones are forgotten to make room, then new ones are refused.</summary>
    public const int MaxReplicas = 256;

    /// <summary>False when the snapshot was refused because <see cref="MaxReplicas"/> live replicas already report.</summary>
    public bool Accept(MetricsSnapshot snapshot)
    {
        var now = time.GetUtcNow();
        if (_replicas.Count >= MaxReplicas && !_replicas.ContainsKey(snapshot.Replica))
        {
            foreach (var stale in _replicas.Where(r => r.Value.ReceivedAt < now - StaleAfter))
            {
                _replicas.TryRemove(stale);
            }

            if (_replicas.Count >= MaxReplicas)
            {
                return false;
            }
        }

        _replicas.AddOrUpdate(
            snapshot.Replica,
            _ => new ReplicaView(snapshot, 0, now),
            (_, previous) => new ReplicaView(snapshot, RateSince(previous.Latest, snapshot), now));
        Changed?.Invoke();
        return true;
    }

    public IReadOnlyList<ReplicaView> Replicas()
    {
        var cutoff = time.GetUtcNow() - StaleAfter;
        return [.. _replicas.Values.Where(r => r.ReceivedAt >= cutoff).OrderBy(r => r.Latest.Replica, StringComparer.Ordinal)];
    }

    public ClusterTotals Totals() => ClusterTotals.OfApis(Replicas());

    private static double RateSince(MetricsSnapshot previous, MetricsSnapshot current)
    {
        var seconds = (current.Timestamp - previous.Timestamp).TotalSeconds;
        // A restarted replica starts counting from zero again: no negative rates.
        return seconds <= 0 || current.Requests < previous.Requests ? 0 : (current.Requests - previous.Requests) / seconds;
    }
}
