using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using RipTide.Net;

namespace RipTide.Tests.Integration;

/// <summary>The fetcher wired as the Api wires it: address guard, connection cap, resolver, metrics.</summary>
public static class ProductionFetcher
{
    public static PageFetcher Create(IMeterFactory meters, FetchOptions options, IHostResolver? resolver = null)
    {
        var wrapped = Options.Create(options);
        var connector = new GuardedConnector(new AddressGuard(options.AllowedNetworks), new ConnectionTracker(options.MaxConnections), resolver ?? new SystemHostResolver());
        return new PageFetcher(connector, wrapped, Options.Create(new PolitenessOptions()), new ApiMetrics(meters), TimeProvider.System);
    }
}
