using RipTide.Gateway.Options;
using RipTide.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace RipTide.Gateway.Proxy;

/// <summary>
/// The public REST surface and the Api cluster behind it, built from <see cref="GatewayOptions"/>.
/// Destinations are service-discovery addresses, resolved by YARP's destination resolver.
/// </summary>
public static class ProxyConfiguration
{
    public const string ApiCluster = "api";

    /// <summary>Every public path, forwarded unchanged. /health is readiness of the system: "an Api copy can serve".</summary>
    public static readonly string[] PublicPaths = ["/crawl", "/crawl/stream", "/extract", "/jobs", "/jobs/{**rest}", "/map", "/v2/{**rest}", "/openapi/{**rest}", "/docs", "/docs/{**rest}", "/admin/{**rest}", ServiceDefaultsExtensions.HealthPath];

    public static IReadOnlyList<RouteConfig> Routes() =>
        [.. PublicPaths.Select((path, index) => new RouteConfig
        {
            RouteId = $"public-{index}",
            ClusterId = ApiCluster,
            Match = new RouteMatch { Path = path },
        })];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) =>
    [
        new ClusterConfig
        {
            ClusterId = ApiCluster,
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            Destinations = options.ApiDestinations.ToDictionary(
                name => name,
                name => new DestinationConfig { Address = $"http://{name}" }),
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(options.HealthCheckIntervalSeconds),
                    Timeout = TimeSpan.FromSeconds(Math.Max(1, options.HealthCheckIntervalSeconds - 1)),
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = ServiceDefaultsExtensions.HealthPath,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = TimeSpan.FromSeconds(options.HealthCheckIntervalSeconds * 2),
                },
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
            {
                ActivityTimeout = TimeSpan.FromSeconds(options.ForwardTimeoutSeconds),
            },
        },
    ];
}
