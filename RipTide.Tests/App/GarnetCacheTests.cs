using Aspire.Hosting.Testing;
using RipTide.AppHost.Cache;
using RipTide.Contracts;
using StackExchange.Redis;

namespace RipTide.Tests.App;

/// <summary>
/// The fallback a machine with only the .NET SDK uses: the cache resource backed by Garnet, restored
/// from the tool manifest, healthy only once it answers PING, and usable through its connection string.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class GarnetCacheTests
{
    [Fact]
    public async Task The_garnet_cache_resource_becomes_healthy_and_serves_redis_commands()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var builder = DistributedApplicationTestingBuilder.Create(
            ["--environment=Development"],
            (options, _) => options.DisableDashboard = true);
        builder.AddRipTideCache(ResourceNames.Cache, CacheServerKind.Garnet);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Cache, timeout.Token);
        var connectionString = await app.GetConnectionStringAsync(ResourceNames.Cache, timeout.Token);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        var database = redis.GetDatabase();
        await database.StringSetAsync("crawl:v1:garnet-probe", "stored", TimeSpan.FromMinutes(1));
        Assert.Equal("stored", (string?)await database.StringGetAsync("crawl:v1:garnet-probe"));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
