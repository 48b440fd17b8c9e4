namespace RipTide.Bench.Load;

/// <summary>Percentiles (nearest rank) and mean of a set of latencies in milliseconds.</summary>
public sealed record LatencyStats(double Mean, double P50, double P95, double P99, double Max)
{
    public static LatencyStats Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0);
        }

        double Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyStats(sorted.Average(), Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }
}
