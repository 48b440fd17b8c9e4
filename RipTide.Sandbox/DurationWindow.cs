namespace RipTide.Sandbox;

/// <summary>The most recent durations (a ring), for p50/p95 without unbounded memory.</summary>
public sealed class DurationWindow(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private readonly Lock _lock = new();
    private int _count;
    private int _next;

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _values[_next] = milliseconds;
            _next = (_next + 1) % _values.Length;
            _count = Math.Min(_count + 1, _values.Length);
        }
    }

    public (double P50, double P95) Percentiles()
    {
        double[] copy;
        lock (_lock)
        {
            copy = _values[.._count];
        }

        if (copy.Length == 0)
        {
            return (0, 0);
        }

        Array.Sort(copy);
        return (At(copy, 0.50), At(copy, 0.95));
    }

    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
