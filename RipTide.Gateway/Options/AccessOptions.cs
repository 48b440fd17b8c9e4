using RipTide.ServiceDefaults.Options;

namespace RipTide.Gateway.Options;

/// <summary>
/// <c>RipTide:Gateway:Access</c>: API keys. Each setting is one string of keys separated by commas or white
/// space, so that it can come from a single secret (the AppHost's <c>api-keys</c> and <c>admin-keys</c>
/// parameters). With no keys at all the gateway is open, as in development.
/// </summary>
public sealed class AccessOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Gateway:Access";

    /// <summary>Keys that may crawl and extract.</summary>
    public string? ApiKeys { get; set; }

    /// <summary>Keys that may also use /admin/* and /metrics. When keys are configured but none of these, admin routes are closed.</summary>
    public string? AdminKeys { get; set; }
}
