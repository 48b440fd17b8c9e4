using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Api.Firecrawl;
using RipTide.Api.Gate;
using RipTide.Api.Jobs.Sitemaps;
using RipTide.Api.Jobs.Spider;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Api.Jobs;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Api.Rendering;
using RipTide.Api.Telemetry;
using RipTide.Contracts;
using RipTide.LiveMetrics;
using RipTide.Net;
using RipTide.ServiceDefaults.Options;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Api;

/// <summary>One Add… per feature, so Program.cs reads as a table of contents.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCrawling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CrawlLimitsOptions>();
        builder.Services.AddPerformanceProfile();
        builder.Services.AddSingleton<CrawlCapacity>();
        builder.Services.AddSingleton<CrawlRequestValidator>();
        // Transient: they hold typed HttpClients, whose handlers the factory must be free to rotate.
        builder.Services.AddTransient<CrawlIntake>();
        builder.Services.AddTransient<PageProcessor>();
        builder.Services.AddTransient<UrlCrawler>();
        builder.Services.AddTransient<CrawlRunner>();
        builder.Services.AddTransient<CrawlService>();
        builder.Services.AddTransient<CrawlStreamService>();
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => CrawlResultJson.Apply(options.SerializerOptions));
        return builder;
    }

    public static IHostApplicationBuilder AddGate(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GateOptions>();
        builder.Services.AddSingleton<PageGate>();
        return builder;
    }

    public static IHostApplicationBuilder AddFetching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<FetchOptions>();
        builder.Services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>();
        builder.Services.AddSingleton(provider => new AddressGuard(provider.GetRequiredService<IOptions<FetchOptions>>().Value.AllowedNetworks));
        builder.Services.AddSingleton(provider =>
        {
            var connections = new ConnectionTracker(provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxConnections);
            provider.GetRequiredService<ApiMetrics>().ObserveConnectionPool(connections);
            return connections;
        });
        builder.Services.AddSingleton<IHostResolver, SystemHostResolver>();
        builder.Services.AddSingleton<GuardedConnector>();
        builder.Services.AddSingleton<PageFetcher>();
        return builder;
    }

    public static IHostApplicationBuilder AddPoliteness(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PolitenessOptions>();
        builder.Services.AddSingleton<RobotsCache>();
        builder.Services.AddSingleton<SharedHostLimits>();
        builder.Services.AddSingleton(provider => new HostThrottle(
            provider.GetRequiredService<IOptions<PolitenessOptions>>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<SharedHostLimits>()));
        builder.Services.AddSingleton<PoliteFetcher>();
        builder.Services.AddSingleton<PacedHosts>();
        return builder;
    }

    public static IHostApplicationBuilder AddCrawlCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CacheOptions>();
        // Redis down must not take the Api out of the gateway's rotation: crawling goes on uncached, and
        // /health reports Degraded (still 200) instead of the client integration's Unhealthy.
        builder.AddRedisClient(ResourceNames.Cache, settings => settings.DisableHealthChecks = true,
            options => options.SocketManager = StackExchange.Redis.SocketManager.ThreadPool);
        builder.Services.AddSingleton<CrawlCache>();
        builder.Services.AddSingleton<CacheTtlStrategy>();
        builder.Services.AddSingleton<CacheAdminConnection>();
        builder.Services.AddSingleton<CacheAdmin>();
        builder.Services.AddSingleton<CacheWarmer>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<CacheWarmer>());
        builder.Services.AddHostedService<CacheRewarmer>();
        builder.Services.AddHostedService<CacheServerTuning>();
        builder.Services.AddHealthChecks().AddCheck<CacheHealthCheck>("cache", tags: ["ready"]);
        return builder;
    }

    public static IHostApplicationBuilder AddExtractorClient(this IHostApplicationBuilder builder)
    {
        var extractor = new Uri($"https+http://{ResourceNames.Extractor}");
        builder.Services.AddHttpClient<ExtractorClient>(client =>
            {
                client.BaseAddress = extractor;
                // Each call is bounded by its caller's deadline, not by the client.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The service defaults' standard handler goes (see ExtractorResilience for why); ours follows.
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                foreach (var standard in handlers.OfType<Microsoft.Extensions.Http.Resilience.ResilienceHandler>().ToList())
                {
                    handlers.Remove(standard);
                }
            })
            .AddResilienceHandler(ExtractorResilience.PipelineName, ExtractorResilience.Configure);
        builder.Services.AddHttpClient<ExtractorAdminClient>(client => client.BaseAddress = extractor);
        builder.Services.AddHttpClient<RendererClient>(client =>
            {
                client.BaseAddress = new Uri($"https+http://{ResourceNames.Renderer}");
                // Each render is bounded by its own budget (sent with it) and its caller's deadline.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // No retries: a render that failed is the page's result (retryable), not worth a second browser run now.
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                foreach (var standard in handlers.OfType<Microsoft.Extensions.Http.Resilience.ResilienceHandler>().ToList())
                {
                    handlers.Remove(standard);
                }
            });
        builder.Services.AddTransient<DocumentExtraction>();
        return builder;
    }

    /// <summary>Crawl jobs and /map; needs <see cref="AddCrawlCache"/> (the Redis connection) and the crawl pipeline.</summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<JobOptions>();
        builder.Services.AddSingleton(new SuffixListSource());
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobRequestValidator>();
        builder.Services.AddSingleton<JobService>();
        builder.Services.AddSingleton<JobStreamService>();
        builder.Services.AddSingleton<SitemapReader>();
        builder.Services.AddTransient<JobEntryProcessor>();
        builder.Services.AddTransient<SiteMapper>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WebhookSender>());
        builder.Services.AddSingleton<JobWorker>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<JobWorker>());
        return builder;
    }

    /// <summary>Firecrawl's v2 API over the crawl pipeline, the jobs and the map (they must be added too).</summary>
    public static IHostApplicationBuilder AddFirecrawlCompatibility(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<FirecrawlOptions>();
        builder.Services.AddTransient<FirecrawlScraper>();
        builder.Services.AddTransient<FirecrawlJobs>();
        builder.Services.AddTransient<FirecrawlMapper>();
        return builder;
    }

    public static IHostApplicationBuilder AddDashboardPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddSingleton<RecentCrawlLog>();
        builder.AddDashboardPublisher<ReplicaMetricsCollector>();
        return builder;
    }
}
