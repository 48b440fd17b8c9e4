namespace RipTide.Contracts;

/// <summary>
/// Configuration keys that the AppHost sets for a service and tests look for, named once. Each is the
/// service's options section plus the property (e.g. DashboardPublisherOptions.Replica).
/// </summary>
public static class SettingNames
{
    /// <summary>The replica name a service publishes its metrics under (api-0, extractor, …).</summary>
    public const string Replica = "RipTide:Dashboard:Replica";

    /// <summary>The environment variable that sets <paramref name="key"/> (":" becomes "__").</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
