using RipTide.ServiceDefaults.Http;
using RipTide.Dashboard.Metrics;

namespace RipTide.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddMetricsHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MetricsAggregator>();
        builder.Services.AddSignalR()
            .AddJsonProtocol(json => JsonDefaults.Apply(json.PayloadSerializerOptions));
        return builder;
    }
}
