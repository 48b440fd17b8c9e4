using System.ComponentModel.DataAnnotations;
using System.Net;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Gateway.Options;

/// <summary>The gateway's upstreams and edge limits.</summary>
public sealed class GatewayOptions : ISectionOptions, IValidatableObject
{
    public static string SectionName => "RipTide:Gateway";

    /// <summary>
    /// Service-discovery names of the Api copies (api-0, api-1, …). Each is its own destination so that
    /// balancing is per request, not per pooled connection.
    /// </summary>
    [MinLength(1)]
    public IList<string> ApiDestinations { get; } = [];

    /// <summary>Largest body of any request (POST /extract carries whole pages).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Largest body of a crawl request (/crawl, /crawl/stream, /admin/cache/warm): the Api's own limit
    /// (RipTide:Crawl:MaxRequestBytes), enforced here too, so that an oversized body, chunked or not, is
    /// answered 413 by the gateway rather than cut off mid-forward by the Api.
    /// </summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxCrawlRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest request target (path and query); longer ones get 414.</summary>
    [Range(256, 64 * 1024)]
    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>Largest sum of header names and values; larger ones get 431.</summary>
    [Range(1024, 256 * 1024)]
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Requests being forwarded at once; beyond it new ones are shed with 503 before they reach an Api copy.
    /// Streams count for as long as they run, so this is a cap on memory and sockets, not on throughput.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRequests { get; set; } = 4096;

    /// <summary>
    /// Proxies in front of the gateway (addresses or CIDR ranges) whose <c>X-Forwarded-For</c> is believed.
    /// Empty: the connection's own address is the client, whatever headers say.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>How long an upstream may stay silent; crawls of slow sites and streams need minutes.</summary>
    [Range(1, 3600)]
    public int ForwardTimeoutSeconds { get; set; } = 300;

    [Range(1, 300)]
    public int HealthCheckIntervalSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in TrustedProxies.Where(entry => !IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _)))
        {
            yield return new ValidationResult($"'{entry}' is neither an IP address nor a CIDR range.", [nameof(TrustedProxies)]);
        }

        if (MaxCrawlRequestBodyBytes > MaxRequestBodyBytes)
        {
            yield return new ValidationResult(
                $"MaxCrawlRequestBodyBytes ({MaxCrawlRequestBodyBytes}) exceeds MaxRequestBodyBytes ({MaxRequestBodyBytes}), which Kestrel enforces for every request.",
                [nameof(MaxCrawlRequestBodyBytes)]);
        }
    }
}
