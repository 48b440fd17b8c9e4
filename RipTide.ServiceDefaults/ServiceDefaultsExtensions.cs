using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RipTide.ServiceDefaults.Memory;
using RipTide.ServiceDefaults.Options;
using RipTide.ServiceDefaults.Telemetry;

namespace RipTide.ServiceDefaults;

/// <summary>
/// What every RipTide service shares: telemetry, health endpoints, service discovery and resilient
/// outgoing HTTP. Nothing domain-specific lives here.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string MetricsPath = "/metrics";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddRipTideTelemetry();
        // Polly reports every attempt of every resilient call at Information: one log line (console and OTLP) per
        // crawled page. Retries and failures are Warnings and stay; configuration can still lower the level.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.AddDefaultHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<PerformanceReporter>();
        builder.Services.AddValidatedOptions<MemoryTrimOptions>();
        builder.Services.AddSingleton<IdleMemoryTrimmer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdleMemoryTrimmer>());
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // "self" only proves the process answers; it is the liveness check. Readiness adds every other check.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps /alive (liveness: the process answers), /metrics (Prometheus) and, unless
    /// <paramref name="mapReadiness"/> is false, /health (readiness: every registered check passes). The AppHost and the gateway's active health
    /// checks probe /health, so it is mapped in every environment; it reveals only a status word.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool mapReadiness = true)
    {
        if (mapReadiness)
        {
            app.MapHealthChecks(HealthPath).DisableHttpMetrics().AllowAnonymous();
        }

        // Probes stay open in a service that requires a sign-in (the dashboard): the AppHost cannot sign in.
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .DisableHttpMetrics()
            .AllowAnonymous();

        // Prometheus text exposition of the same instruments OpenTelemetry exports.
        app.MapPrometheusScrapingEndpoint(MetricsPath).DisableHttpMetrics();
        return app;
    }
}
