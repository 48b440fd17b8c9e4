namespace RipTide.AppHost;

/// <summary>
/// The key that lets a service publish to the dashboard's metrics hub: a secret parameter, <c>metrics-hub-key</c>,
/// generated afresh for each run unless configured, and given to every project (the services publish with
/// it, the dashboard checks it). Without it anyone who reaches the dashboard could feed it invented numbers.
/// </summary>
public static class MetricsHubKey
{
    public const string ParameterName = "metrics-hub-key";

    /// <summary>Call after every project is added.</summary>
    public static void AddMetricsHubKey(this IDistributedApplicationBuilder builder)
    {
        var key = builder.AddParameter(ParameterName, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("RipTide__Dashboard__HubKey", key);
        }
    }
}
