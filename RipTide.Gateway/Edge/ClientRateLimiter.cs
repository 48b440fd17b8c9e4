using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RipTide.Gateway.Options;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Token buckets per client network and per API key. A bucket that has refilled is idle and is dropped by
/// the limiter's own sweep, so the number of buckets follows the clients active in the last few seconds
/// rather than every client ever seen.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _perIp;
    private readonly PartitionedRateLimiter<string>? _perKey;

    public ClientRateLimiter(IOptions<RateLimitOptions> options)
    {
        _perIp = Create(options.Value.PerIp);
        _perKey = Create(options.Value.PerKey);
    }

    /// <summary>
    /// Takes one permit from each bucket that applies. On refusal, returns how long until a permit is back,
    /// rounded up to whole seconds for <c>Retry-After</c>.
    /// </summary>
    public (bool Allowed, int RetryAfterSeconds, string? Limit) TryAcquire(ClientIdentity client)
    {
        if (_perIp is not null && Refused(_perIp, client.Network) is { } ipWait)
        {
            return (false, ipWait, "per client address");
        }

        if (_perKey is not null && client.KeyId is { } keyId && Refused(_perKey, keyId) is { } keyWait)
        {
            return (false, keyWait, "per API key");
        }

        return (true, 0, null);
    }

    public void Dispose()
    {
        _perIp?.Dispose();
        _perKey?.Dispose();
    }

    private static int? Refused(PartitionedRateLimiter<string> limiter, string partition)
    {
        using var lease = limiter.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
    }

    private static PartitionedRateLimiter<string>? Create(RateLimitOptions.TokenBucket bucket) =>
        bucket.Enabled
            ? PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.BucketSize,
                TokensPerPeriod = bucket.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }))
            : null;
}
