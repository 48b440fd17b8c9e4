using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RipTide.ServiceDefaults.Options;

namespace RipTide.LiveMetrics;

public static class DashboardPublishingExtensions
{
    /// <summary>Publishes <typeparamref name="TSource"/>'s snapshot to the dashboard hub every interval.</summary>
    public static IHostApplicationBuilder AddDashboardPublisher<TSource>(this IHostApplicationBuilder builder)
        where TSource : class, IMetricsSnapshotSource
    {
        builder.Services.AddValidatedOptions<DashboardPublisherOptions>();
        builder.Services.TryAddSingleton<ProcessUsage>();
        builder.Services.AddSingleton<TSource>();
        builder.Services.AddSingleton<IMetricsSnapshotSource>(services => services.GetRequiredService<TSource>());
        builder.Services.AddHostedService<DashboardPublisher>();
        return builder;
    }
}
