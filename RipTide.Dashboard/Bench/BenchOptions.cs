using RipTide.ServiceDefaults.Options;

namespace RipTide.Dashboard.Bench;

/// <summary>Where the bench tool is; the AppHost sets it to the build next to its own.</summary>
public sealed class BenchOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Bench";

    /// <summary>Path of RipTide.Bench.dll; empty when the tool is not available (the page says so).</summary>
    public string ToolPath { get; set; } = string.Empty;

    /// <summary>The gateway the tool loads, as the tool sees it (a URL, not a service-discovery name).</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Lines of output the page keeps (the newest); the final table is always kept.</summary>
    public int MaxOutputLines { get; set; } = 400;
}
