using Microsoft.Extensions.DependencyInjection;

namespace RipTide.AppHost.Cache;

/// <summary>Adds the <c>cache</c> resource backed by the chosen server.</summary>
public static class CacheResourceExtensions
{
    /// <summary>Garnet's defaults reserve a 16 GB log; a crawl cache on a dev box needs far less.</summary>
    private static readonly string[] GarnetLimits = ["--memory", "512m", "--index", "64m"];

    /// <summary>
    /// Bounded memory; under pressure the least-recently-used keys with a TTL are evicted (every cached page has one,
    /// a running job's state has none, so a full cache can never evict a job mid-crawl). The Api also sets these
    /// over the protocol.
    /// </summary>
    private static readonly string[] RedisCacheSettings = ["--maxmemory", "512mb", "--maxmemory-policy", "volatile-lru", "--tcp-keepalive", "60"];

    /// <summary>
    /// Cached pages and job results arrive gzip-compressed, so LZF in an append-only-file rewrite only burns the
    /// forked child's CPU: the rewritten file is the same size without it (BENCHMARKS, deep crawl).
    /// </summary>
    private static readonly string[] RedisRewriteSettings = ["--rdbcompression", "no"];

    public static IResourceBuilder<IResourceWithConnectionString> AddRipTideCache(
        this IDistributedApplicationBuilder builder, string name, CacheServerKind kind)
    {
        return kind switch
        {
            CacheServerKind.Container => builder.AddRedis(name),
            CacheServerKind.RedisServer => builder.AddLocalServer(
                name,
                CacheServerSelector.FindOnPath("redis-server")
                    ?? throw new InvalidOperationException("redis-server was chosen but is not on PATH (apt-get install redis-server)."),
                prefixArgs: [],
                port => ["--port", port, "--bind", RedisCompatibleServerResource.Host, "--save", "", .. CacheDataDirectory.AppendOnlyArgs(builder), .. RedisCacheSettings, .. RedisRewriteSettings]),
            CacheServerKind.Garnet => builder.AddLocalServer(
                name,
                "dotnet",
                prefixArgs: ["exec", GarnetTool.RestoreAndLocate(RepositoryRoot(builder))],
                port => ["--port", port, "--bind", RedisCompatibleServerResource.Host, .. GarnetLimits]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalServer(
        this IDistributedApplicationBuilder builder,
        string name,
        string command,
        string[] prefixArgs,
        Func<object, object[]> serverArgs)
    {
        var resource = new RedisCompatibleServerResource(name, command, builder.AppHostDirectory);
        var healthCheckKey = $"{name}-ping";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new RedisPingHealthCheck(resource));

        var server = builder.AddResource(resource)
            .WithEndpoint(name: RedisCompatibleServerResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var arg in prefixArgs)
                {
                    context.Args.Add(arg);
                }

                foreach (var arg in serverArgs(resource.Endpoint.Property(EndpointProperty.TargetPort)))
                {
                    context.Args.Add(arg);
                }
            })
            .WithHealthCheck(healthCheckKey);
        return server;
    }

    /// <summary>The nearest folder above the AppHost that holds the tool manifest (the repository root).</summary>
    private static string RepositoryRoot(IDistributedApplicationBuilder builder)
    {
        for (var directory = new DirectoryInfo(builder.AppHostDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, GarnetTool.ManifestPath)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {GarnetTool.ManifestPath} was found above {builder.AppHostDirectory}.");
    }
}
