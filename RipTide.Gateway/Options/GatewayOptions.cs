using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Gateway.Options;

/// <summary>The gateway's upstreams and edge limits.</summary>
public sealed class GatewayOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Gateway";

    /// <summary>
    /// Service-discovery names of the Api copies (api-0, api-1, …). Each is its own destination so that
    /// balancing is per request, not per pooled connection.
    /// </summary>
    [MinLength(1)]
    public IList<string> ApiDestinations { get; } = [];

    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long an upstream may stay silent; crawls of slow sites and streams need minutes.</summary>
    [Range(1, 3600)]
    public int ForwardTimeoutSeconds { get; set; } = 300;

    [Range(1, 300)]
    public int HealthCheckIntervalSeconds { get; set; } = 5;
}
