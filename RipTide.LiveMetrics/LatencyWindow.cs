namespace RipTide.LiveMetrics;

/// <summary>
/// Durations of the last <see cref="Span"/> (at most <see cref="MaxSamples"/> of them, the newest kept), for
/// percentiles that describe now rather than the whole uptime.
/// </summary>
public sealed class LatencyWindow(TimeProvider time, TimeSpan span, int maxSamples = 8192)
{
    private readonly Lock _lock = new();
    private readonly Queue<(long Timestamp, double Milliseconds)> _samples = new();

    public TimeSpan Span => span;

    public int MaxSamples => maxSamples;

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _samples.Enqueue((time.GetTimestamp(), milliseconds));
            while (_samples.Count > maxSamples)
            {
                _samples.Dequeue();
            }
        }
    }

    public LatencyPercentiles Percentiles()
    {
        double[] sorted;
        lock (_lock)
        {
            while (_samples.Count > 0 && time.GetElapsedTime(_samples.Peek().Timestamp) > span)
            {
                _samples.Dequeue();
            }

            sorted = [.. _samples.Select(s => s.Milliseconds)];
        }

        Array.Sort(sorted);
        return new LatencyPercentiles(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99));
    }

    /// <summary>Nearest-rank percentile, rounded to microseconds; 0 for no samples.</summary>
    private static double At(double[] sorted, double quantile) => sorted.Length == 0
        ? 0
        : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
}

public readonly record struct LatencyPercentiles(double P50, double P95, double P99);
