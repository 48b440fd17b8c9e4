using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using StackExchange.Redis;

namespace RipTide.Api.Caching;

/// <summary>
/// Makes the cache server behave as a cache whichever backend the AppHost chose: a memory cap with
/// volatile-lru eviction (pages expire; running jobs do not, so they are never evicted) and TCP keep-alive, set with CONFIG SET at start and again whenever the connection
/// comes back (a restarted server forgets them). Idempotent, so every Api copy may do it. The Redis
/// container's command line belongs to Aspire's integration, so the setting travels over the protocol; a
/// server that refuses (a managed Redis, Garnet's partial CONFIG) is logged and left alone.
/// </summary>
public sealed class CacheServerTuning(
    IConnectionMultiplexer redis, CacheAdminConnection adminConnection, IOptions<CacheOptions> options, ILogger<CacheServerTuning> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ConfigureServer)
        {
            return;
        }

        var restored = new SemaphoreSlim(0);
        redis.ConnectionRestored += (_, _) => restored.Release();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ApplyAsync(stoppingToken);
                await restored.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await adminConnection.ServerAsync(cancellationToken) is not { } server)
            {
                return;
            }

            (string Name, string Value)[] settings =
            [
                ("maxmemory", $"{options.Value.ServerMaxMemoryMegabytes}mb"),
                ("maxmemory-policy", "volatile-lru"),
                ("tcp-keepalive", "60"),
            ];
            foreach (var (name, value) in settings)
            {
                try
                {
                    await server.ConfigSetAsync(name, value).WaitAsync(cancellationToken);
                    ApiLog.CacheServerConfigured(logger, name, value);
                }
                catch (Exception ex) when (ex is RedisServerException or RedisCommandException)
                {
                    ApiLog.CacheServerRefused(logger, name, ex.Message);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ApiLog.CacheServerUnreachable(logger, ex);
        }
    }
}
