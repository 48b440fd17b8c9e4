using StackExchange.Redis;

namespace RipTide.Api.Politeness;

/// <summary>
/// Per-host politeness that holds across every Api copy, kept in Redis: a host's requests in flight are leases
/// in a sorted set (each expiring, so a killed copy's leases lapse on their own), and its next allowed start
/// (Crawl-delay spacing, Retry-After) is one timestamp that each start reserves atomically. Time is Redis's own
/// clock (<c>TIME</c>), so copies whose clocks differ still agree. One script per lease (two when starts are spaced:
/// the turn is confirmed at the actual start) and one command at its end; <see cref="HostThrottle"/> keeps an unspaced
/// lease for the copy's next request, so a busy host costs about one lease a second per slot (docs/DECISIONS.md).
/// </summary>
public sealed class SharedHostLimits(IConnectionMultiplexer redis)
{
    private volatile bool _unsupported;

    /// <summary>Busy: the host has its limit in flight across the copies; try again shortly.</summary>
    public const long Busy = -2;

    /// <summary>The host's next start is later than the caller can wait.</summary>
    public const long TooLate = -1;

    private const string Now = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        """;

    /// <summary>
    /// KEYS: leases, next start. ARGV: limit, lease id, lease ms, spacing ms, longest wait ms. The wait in ms until
    /// the reserved start (the lease is taken), or <see cref="Busy"/> / <see cref="TooLate"/> (nothing taken).
    /// </summary>
    private const string AcquireScript = Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return -2 end
        local spacing = tonumber(ARGV[4])
        local start = math.max(now, tonumber(redis.call('GET', KEYS[2]) or '0'))
        local wait = start - now
        if wait > tonumber(ARGV[5]) then return -1 end
        local expires = now + wait + tonumber(ARGV[3])
        redis.call('ZADD', KEYS[1], expires, ARGV[2])
        if redis.call('PTTL', KEYS[1]) < expires - now then redis.call('PEXPIRE', KEYS[1], expires - now) end
        if spacing > 0 then redis.call('SET', KEYS[2], start + spacing, 'PX', wait + spacing + 60000) end
        return wait
        """;

    /// <summary>
    /// KEYS: last actual start. ARGV: spacing ms. 0 when the request may start now (recorded as the host's last
    /// start), else the ms still to wait: a reserved turn is a promise, and a copy that woke late to an earlier
    /// turn pushes the later ones back, so the spacing holds between the starts the host actually sees.
    /// </summary>
    private const string ConfirmScript = Now + """
        local earliest = tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1])
        if now < earliest then return earliest - now end
        redis.call('SET', KEYS[1], now, 'PX', tonumber(ARGV[1]) + 60000)
        return 0
        """;

    /// <summary>KEYS: next start. ARGV: ms from now before which no request may start.</summary>
    private const string DeferScript = Now + """
        local till = now + tonumber(ARGV[1])
        if till > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], till, 'PX', tonumber(ARGV[1]) + 60000) end
        return 1
        """;

    /// <summary>False while Redis is unreachable, and for good once the server turned out to lack scripting (Garnet's default).</summary>
    public bool IsAvailable => redis.IsConnected && !_unsupported;

    /// <summary>Reserves a start for one request to <paramref name="host"/>: the wait in ms, <see cref="Busy"/> or <see cref="TooLate"/>.</summary>
    public async Task<long> TryAcquireAsync(string host, string leaseId, int limit, TimeSpan lease, TimeSpan spacing, TimeSpan longestWait)
    {
        try
        {
            return (long)await redis.GetDatabase().ScriptEvaluateAsync(
                AcquireScript,
                [LeasesKey(host), NextKey(host)],
                [limit, leaseId, (long)lease.TotalMilliseconds, (long)spacing.TotalMilliseconds, (long)Math.Max(0, longestWait.TotalMilliseconds)]);
        }
        catch (RedisServerException)
        {
            // A server without Lua answers every call alike: stop asking, pace per copy (the caller falls back).
            _unsupported = true;
            throw;
        }
    }

    /// <summary>Starts a reserved turn now, or says how many ms the host's last actual start still asks to wait.</summary>
    public async Task<long> ConfirmStartAsync(string host, TimeSpan spacing) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(ConfirmScript, [LastStartKey(host)], [(long)spacing.TotalMilliseconds]);

    /// <summary>Ends a lease (fire-and-forget: should it be lost, the lease lapses on its own).</summary>
    public void Release(string host, string leaseId) =>
        redis.GetDatabase().SortedSetRemove(LeasesKey(host), leaseId, CommandFlags.FireAndForget);

    /// <summary>Shares a Retry-After with every copy.</summary>
    public void Defer(string host, TimeSpan retryAfter) =>
        redis.GetDatabase().ScriptEvaluate(DeferScript, [NextKey(host)], [(long)retryAfter.TotalMilliseconds], CommandFlags.FireAndForget);

    /// <summary>The sorted set of a host's leases in flight (internal for tests that look at it).</summary>
    internal static RedisKey LeasesKey(string host) => $"rt:host:{{{host}}}:leases";

    private static RedisKey NextKey(string host) => $"rt:host:{{{host}}}:next";

    private static RedisKey LastStartKey(string host) => $"rt:host:{{{host}}}:last";
}
