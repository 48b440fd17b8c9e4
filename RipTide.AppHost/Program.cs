using RipTide.AppHost;
using RipTide.AppHost.Cache;
using RipTide.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var cacheServer = CacheServerSelector.Choose(
    builder.Configuration[CacheServerSelector.ConfigurationKey],
    CacheServerSelector.ContainerEngineAnswers,
    CacheServerSelector.FindOnPath);
Console.WriteLine($"RipTide: cache backend = {cacheServer}");

var cache = builder.AddRipTideCache(ResourceNames.Cache, cacheServer);

var dashboard = builder.AddProject<Projects.RipTide_Dashboard>(ResourceNames.Dashboard)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

var extractors = builder.AddExtractorCopies(builder.ExtractorReplicas(), dashboard);

var apis = builder.AddApiCopies(builder.ApiReplicas(), cache, extractors, dashboard).WithWebhookSecret();

// Only where Chromium is installed; without it the Api answers headless_unavailable, as it always did.
builder.AddRendererIfChromium(apis, dashboard);

var gateway = builder.AddProject<Projects.RipTide_Gateway>(ResourceNames.Gateway)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithApiDestinations(apis)
    .WithApiKeys(dashboard);

// The dashboard's actions (pool reset, try a crawl, load tests) go through the public entry, as a user's would.
dashboard.WithReference(gateway).WithBenchTool();

builder.AddBenchSiteIfEnabled();
builder.ForwardSharedSettings();
builder.AddMetricsHubKey();

if (builder.Configuration["ASPNETCORE_URLS"] is { Length: > 0 } aspireDashboard)
{
    Console.WriteLine($"RipTide: Aspire dashboard at {aspireDashboard}; RipTide gateway at http://localhost:8080, RipTide dashboard at http://localhost:8081");
}

builder.Build().Run();
