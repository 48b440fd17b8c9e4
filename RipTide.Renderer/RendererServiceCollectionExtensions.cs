using Microsoft.Extensions.Options;
using RipTide.LiveMetrics;
using RipTide.Net;
using RipTide.Renderer.Browsers;
using RipTide.Renderer.Options;
using RipTide.Renderer.Rendering;
using RipTide.Renderer.Telemetry;
using RipTide.ServiceDefaults.Options;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Renderer;

public static class RendererServiceCollectionExtensions
{
    /// <summary>Connections the rendered pages' requests may hold open together.</summary>
    private const int MaxConnections = 512;

    public static IHostApplicationBuilder AddRendering(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RendererOptions>();
        builder.Services.AddSingleton<IValidateOptions<RendererOptions>, RendererOptionsValidator>();
        builder.Services.AddPerformanceProfile();
        builder.Services.AddSingleton<RendererMetrics>();

        // The rendered pages' own requests go through the same guard as the Api's fetches.
        builder.Services.AddSingleton(provider => new AddressGuard(provider.GetRequiredService<IOptions<RendererOptions>>().Value.AllowedNetworks));
        builder.Services.AddSingleton(_ => new ConnectionTracker(MaxConnections));
        builder.Services.AddSingleton<IHostResolver, SystemHostResolver>();
        builder.Services.AddSingleton<GuardedConnector>();
        builder.Services.AddSingleton<SubresourceClient>();

        builder.Services.AddSingleton<ChromiumLauncher>();
        builder.Services.AddSingleton(provider =>
        {
            var pool = ActivatorUtilities.CreateInstance<BrowserPool>(provider);
            provider.GetRequiredService<RendererMetrics>().ObservePool(
                () => pool.Running.Count, () => pool.Busy, () => pool.Waiting, () => pool.Running.Sum(b => b.ResidentBytes));
            return pool;
        });
        builder.Services.AddSingleton<PageRenderer>();
        builder.Services.AddHostedService<BrowserWatch>();
        builder.AddDashboardPublisher<RendererSnapshotSource>();
        return builder;
    }
}
