using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Contracts.Crawling;
using RipTide.Http;
using RipTide.LiveMetrics;
using RipTide.Net;

namespace RipTide.Api.Endpoints;

/// <summary>GET /admin/fetch/hosts: this Api copy's connection pool and pacing per host.</summary>
public static class FetchAdminEndpoints
{
    public static IEndpointRouteBuilder MapFetchAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin/fetch").WithTags("Admin")
            .MapGet("/hosts", Hosts)
            .WithStrictQuery()
            .WithName("FetchHosts")
            .WithSummary("Open connections, connections opened, requests in flight and pacing per host, for the answering Api copy.");
        return app;
    }

    private static FetchHostsStats Hosts(ConnectionTracker connections, HostThrottle throttle, IOptions<PolitenessOptions> politeness, IOptions<DashboardPublisherOptions> replica)
    {
        var pools = connections.Snapshot();
        var pacing = throttle.Snapshot().ToDictionary(host => host.Host, StringComparer.OrdinalIgnoreCase);
        var hosts = pools.Keys.Union(pacing.Keys, StringComparer.OrdinalIgnoreCase)
            .Select(host =>
            {
                var pool = pools.GetValueOrDefault(host);
                var pace = pacing.GetValueOrDefault(host);
                return new FetchHostStats(host, pool.Open, pool.Opened, pace?.InFlight ?? 0, pace?.NextStartInMs ?? 0, pace?.RetryAfterRemainingMs ?? 0);
            })
            .OrderByDescending(host => host.OpenConnections + host.InFlight)
            .ThenBy(host => host.Host, StringComparer.Ordinal)
            .ToList();
        return new FetchHostsStats(replica.Value.Replica ?? Environment.MachineName, connections.OpenConnections, connections.MaxConnections, politeness.Value.PerHostConcurrency, hosts);
    }
}
