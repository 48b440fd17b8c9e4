using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RipTide.Contracts.Errors;
using RipTide.Gateway.Options;
using RipTide.Gateway.Telemetry;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Token buckets per client network and per API key on ASP.NET Core's rate limiter (<c>UseRateLimiter</c>,
/// placed after the client is identified and before the access check, so that guessing keys from one
/// address is limited like any other traffic from it). A refusal is 429 problem+json with
/// <c>Retry-After</c>. A bucket that has refilled is idle and the partitioned limiter drops it, so the
/// number of buckets follows the clients active in the last few seconds.
/// </summary>
public static class EdgeRateLimits
{
    private const string PerAddress = "per client address";
    private const string PerKey = "per API key";

    public static IServiceCollection AddEdgeRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, EdgeTelemetry>((limiter, options, log) =>
        {
            var perAddress = Buckets(options.Value.PerIp, client => client.Network);
            var perKey = Buckets(options.Value.PerKey, client => client.KeyId);
            limiter.GlobalLimiter = (perAddress, perKey) switch
            {
                (null, null) => null,
                ({ } address, null) => address,
                (null, { } key) => key,
                ({ } address, { } key) => PartitionedRateLimiter.CreateChained(address, key),
            };
            limiter.OnRejected = (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var client = ClientIdentity.Of(http);
                // The address bucket is asked first: only when it is empty did it refuse, else the key's bucket did.
                var limit = perAddress?.GetStatistics(http)?.CurrentAvailablePermits == 0 ? PerAddress : PerKey;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                log.RateLimited(client.Network, client.KeyId, limit);
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(EdgeProblem.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", ProblemTypes.RateLimited,
                    $"The rate limit {limit} is used up; retry after {retryAfter} s.", retryable: true));
            };
        });
        return services;
    }

    /// <summary>One token bucket per partition that <paramref name="partitionOf"/> names; probes and unnamed clients pass.</summary>
    private static PartitionedRateLimiter<HttpContext>? Buckets(RateLimitOptions.TokenBucket bucket, Func<ClientIdentity, string?> partitionOf)
    {
        if (!bucket.Enabled)
        {
            return null;
        }

        var settings = new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.BucketSize,
            TokensPerPeriod = bucket.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !EdgePaths.IsProbe(context.Request.Path) && partitionOf(ClientIdentity.Of(context)) is { } partition
                ? RateLimitPartition.GetTokenBucketLimiter(partition, _ => settings)
                : RateLimitPartition.GetNoLimiter(string.Empty));
    }
}
