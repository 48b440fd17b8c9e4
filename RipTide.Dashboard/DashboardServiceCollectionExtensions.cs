using Microsoft.Extensions.Options;
using Radzen;
using RipTide.Dashboard.Bench;
using RipTide.Contracts;
using RipTide.Dashboard.Gateway;
using RipTide.Dashboard.Metrics;
using RipTide.ServiceDefaults.Http;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddMetricsHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MetricsAggregator>();
        builder.Services.AddSingleton<MetricsHistory>();
        builder.Services.AddHostedService<MetricsSampler>();
        builder.Services.AddSignalR()
            .AddJsonProtocol(json => JsonDefaults.Apply(json.PayloadSerializerOptions));
        return builder;
    }

    /// <summary>The pages: Radzen's charts, and the gateway client behind every action.</summary>
    public static IHostApplicationBuilder AddDashboardPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddValidatedOptions<GatewayAccessOptions>();
        builder.Services.AddHttpClient<GatewayClient>((services, client) =>
        {
            client.BaseAddress = new Uri($"https+http://{ResourceNames.Gateway}");
            client.DefaultRequestHeaders.Authorization = services.GetRequiredService<IOptions<GatewayAccessOptions>>().Value.Authorization;
        });
        builder.Services.AddValidatedOptions<BenchOptions>();
        builder.Services.AddSingleton<BenchRunner>();
        return builder;
    }
}
