namespace RipTide.Sandbox;

/// <summary>
/// The most recent durations (a ring), for p50/p95 without unbounded memory. Percentiles are kept until a
/// duration is added: each metrics collection asks for them once per instrument, and an idle pool sorted its
/// whole window several times a second for the same answer.
/// </summary>
public sealed class DurationWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private readonly Lock _lock = new();
    private int _count;
    private int _next;
    private long _version;
    private (long Version, double P50, double P95) _known = (-1, 0, 0);

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _values[_next] = milliseconds;
            _next = (_next + 1) % _values.Length;
            _count = Math.Min(_count + 1, _values.Length);
            _version++;
        }
    }

    public (double P50, double P95) Percentiles()
    {
        double[] copy;
        long version;
        lock (_lock)
        {
            if (_known.Version == _version)
            {
                return (_known.P50, _known.P95);
            }

            version = _version;
            copy = _values[.._count];
        }

        if (copy.Length == 0)
        {
            return (0, 0);
        }

        // Sorted outside the lock, so extractions finishing meanwhile never wait for it.
        Array.Sort(copy);
        var (p50, p95) = (At(copy, 0.50), At(copy, 0.95));
        lock (_lock)
        {
            if (_version == version)
            {
                _known = (version, p50, p95);
            }
        }

        return (p50, p95);
    }

    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
