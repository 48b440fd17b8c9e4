using StackExchange.Redis;

namespace RipTide.Api.Jobs;

/// <summary>
/// Where a job lives in Redis. Every key of one job shares the hash tag <c>{id}</c>, so a job's scripts touch
/// one slot (a Redis Cluster can run them); the few global keys list and bound the jobs.
/// </summary>
public sealed record JobKeys(string Id)
{
    public const string ConsumerGroup = "crawlers";
    public const string Channel = "rt:jobs:events";
    public static readonly RedisKey Active = "rt:jobs:active";

    /// <summary>Sorted set: every caller's jobs by creation time, within the retention (for the operators' view).</summary>
    public static readonly RedisKey Recent = "rt:jobs:recent";

    private string Prefix => $"rt:job:{{{Id}}}";

    /// <summary>Hash: status, reason, caller, kind, the first seeds, timestamps.</summary>
    public RedisKey Meta => Prefix;

    /// <summary>String: the request as submitted, from which every copy rebuilds the job's spec.</summary>
    public RedisKey Request => $"{Prefix}:request";

    /// <summary>Hash: every count of the status answer, the discovery sequence and the stored result bytes.</summary>
    public RedisKey Counts => $"{Prefix}:counts";

    /// <summary>Set: every URL the frontier has seen (admitted or skipped), so each enters it once.</summary>
    public RedisKey Seen => $"{Prefix}:seen";

    /// <summary>Set: URLs found only beyond max_depth, counted once each (not in <see cref="Seen"/>: a shorter path may still admit them).</summary>
    public RedisKey TooDeep => $"{Prefix}:deep";

    /// <summary>Sorted set: admitted entries waiting their turn, in the strategy's order.</summary>
    public RedisKey Waiting => $"{Prefix}:waiting";

    /// <summary>Stream with the <see cref="ConsumerGroup"/>: entries taken by a copy, pending until acknowledged.</summary>
    public RedisKey Frontier => $"{Prefix}:frontier";

    /// <summary>Stream: the results, in the order they were stored; entry ids are the results' cursors.</summary>
    public RedisKey Results => $"{Prefix}:results";

    /// <summary>Set: URLs whose result is stored, so that a page crawled twice (a reclaimed entry) is delivered once.</summary>
    public RedisKey Delivered => $"{Prefix}:delivered";

    /// <summary>Hash: a redirect target or canonical URL → the page that claimed it (see <see cref="JobScripts.ClaimAliases"/>).</summary>
    public RedisKey Aliases => $"{Prefix}:aliases";

    /// <summary>String: the output formats of a job started through the Firecrawl routes (absent for others).</summary>
    public RedisKey FirecrawlFormats => $"{Prefix}:formats";

    /// <summary>Every key of the job, for the retention TTL once it ends.</summary>
    public RedisKey[] All => [Meta, Request, Counts, Seen, TooDeep, Waiting, Frontier, Results, Delivered, Aliases, FirecrawlFormats];

    public static RedisKey CallerActive(string caller) => $"rt:jobs:active-by:{caller}";

    public static RedisKey CallerJobs(string caller) => $"rt:jobs:by:{caller}";
}
