namespace RipTide.Bench.Load;

/// <summary>One step of a progressive load test: N connections for a fixed time.</summary>
public sealed record LoadLevel(
    int Connections,
    long Requests,
    long Errors,
    double Seconds,
    double RequestsPerSecond,
    double PagesPerSecond,
    LatencyStats LatencyMs,
    IReadOnlyDictionary<string, double> CpuMsPerPage)
{
    public double ErrorRate => Requests == 0 ? 0 : Errors / (double)Requests;
}
