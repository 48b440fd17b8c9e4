namespace RipTide.Contracts.Metrics;

/// <summary>The metrics hub's path and the names of the methods clients invoke on it.</summary>
public static class MetricsHubContract
{
    public const string Path = "/hubs/metrics";

    /// <summary>Services publish a <see cref="MetricsSnapshot"/>.</summary>
    public const string Publish = "Publish";

    /// <summary>Viewers join the group that receives every snapshot through <see cref="IMetricsClient"/>.</summary>
    public const string Subscribe = "Subscribe";
}
