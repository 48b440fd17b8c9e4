using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Gateway.Options;

/// <summary>
/// <c>RipTide:Gateway:RateLimits</c>: token buckets per client address and per API key. Off (0) unless set:
/// a self-hosted crawler's first client is its operator, and a limit is a policy only they can choose.
/// </summary>
public sealed class RateLimitOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Gateway:RateLimits";

    /// <summary>Every request from one address (an IPv6 client's whole /64).</summary>
    public TokenBucket PerIp { get; set; } = new();

    /// <summary>Every request made with one API key, from any address.</summary>
    public TokenBucket PerKey { get; set; } = new();

    public sealed class TokenBucket
    {
        /// <summary>Sustained requests per second; 0 turns this limit off.</summary>
        [Range(0, 1_000_000)]
        public int PermitsPerSecond { get; set; }

        /// <summary>Requests allowed at once after a quiet spell; 0 means the same as <see cref="PermitsPerSecond"/>.</summary>
        [Range(0, 10_000_000)]
        public int Burst { get; set; }

        public bool Enabled => PermitsPerSecond > 0;

        public int BucketSize => Burst > 0 ? Burst : PermitsPerSecond;
    }
}
