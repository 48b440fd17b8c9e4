using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RipTide.Api.Caching;

/// <summary>Degraded, never Unhealthy, while the cache is unreachable: the Api still crawls, uncached.</summary>
public sealed class CacheHealthCheck(CrawlCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.IsAvailable
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("The cache is unreachable; results are served uncached."));
}
