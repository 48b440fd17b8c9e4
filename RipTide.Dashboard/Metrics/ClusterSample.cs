namespace RipTide.Dashboard.Metrics;

/// <summary>
/// The whole cluster over one sampling interval (about a second): counts are what happened during the
/// interval, latencies and memory are the state at its end. Latencies are the worst replica's, because
/// percentiles cannot be summed and the worst replica is the one an operator must act on.
/// </summary>
public sealed record ClusterSample(
    DateTimeOffset Timestamp,
    double Seconds,
    long Requests,
    long Urls,
    long Errors,
    long CacheHits,
    long CacheMisses,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    IReadOnlyDictionary<string, long> GateDecisions,
    long Extractions,
    double ExtractionP50Ms,
    double ExtractionP95Ms,
    long GuestMemoryBytes,
    int OpenConnections,
    IReadOnlyDictionary<string, int> BusiestHosts,
    IReadOnlyList<ReplicaSample> Replicas)
{
    public double RequestsPerSecond => PerSecond(Requests);

    public double UrlsPerSecond => PerSecond(Urls);

    public double ErrorsPerSecond => PerSecond(Errors);

    public double ExtractionsPerSecond => PerSecond(Extractions);

    public double PerSecond(long count) => Seconds <= 0 ? 0 : count / Seconds;
}

/// <summary>One replica's resource use at the end of a sampling interval.</summary>
public sealed record ReplicaSample(string Replica, string Service, double CpuUsage, long WorkingSetBytes);
