using Microsoft.AspNetCore.Server.Kestrel.Core;
using RipTide.Gateway.Options;
using RipTide.Gateway.Proxy;

using RipTide.ServiceDefaults.Options;

namespace RipTide.Gateway;

public static class GatewayServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddApiProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GatewayOptions>();

        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters(options))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapApiProxy(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ForwarderErrorProblems.WriteProblemOnForwarderErrorAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
