using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using RipTide.Contracts;

using RipTide.ServiceDefaults.Options;

namespace RipTide.Api;

/// <summary>One Add… per feature, so Program.cs reads as a table of contents.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCrawling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CrawlLimitsOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CrawlRequestValidator>();
        // Transient: they hold typed HttpClients, whose handlers the factory must be free to rotate.
        builder.Services.AddTransient<UrlCrawler>();
        builder.Services.AddTransient<CrawlService>();
        return builder;
    }

    public static IHostApplicationBuilder AddFetching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<FetchOptions>();
        builder.Services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>();
        builder.Services.AddSingleton<AddressGuard>();
        builder.Services.AddSingleton<GuardedConnector>();
        builder.Services.AddSingleton<PageFetcher>();
        return builder;
    }

    public static IHostApplicationBuilder AddCrawlCache(this IHostApplicationBuilder builder)
    {
        // Redis down must not take the Api out of the gateway's rotation: crawling goes on uncached, and
        // /health reports Degraded (still 200) instead of the client integration's Unhealthy.
        builder.AddRedisClient(ResourceNames.Cache, settings => settings.DisableHealthChecks = true);
        builder.Services.AddSingleton<CrawlCache>();
        builder.Services.AddHealthChecks().AddCheck<CacheHealthCheck>("cache", tags: ["ready"]);
        return builder;
    }

    public static IHostApplicationBuilder AddExtractorClient(this IHostApplicationBuilder builder)
    {
        var extractor = new Uri($"https+http://{ResourceNames.Extractor}");
        builder.Services.AddHttpClient<ExtractorClient>(client => client.BaseAddress = extractor);
        builder.Services.AddHttpClient<ExtractorAdminClient>(client => client.BaseAddress = extractor);
        builder.Services.AddTransient<DocumentExtraction>();
        return builder;
    }

    public static IHostApplicationBuilder AddDashboardPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DashboardPublisherOptions>();
        builder.Services.AddSingleton<ApiMetrics>();
        builder.Services.AddSingleton<ReplicaMetricsCollector>();
        builder.Services.AddHostedService<DashboardPublisher>();
        return builder;
    }
}
