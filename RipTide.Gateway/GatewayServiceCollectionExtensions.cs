using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RipTide.Contracts.Errors;
using RipTide.Gateway.Edge;
using RipTide.Gateway.Options;
using RipTide.Gateway.Proxy;
using RipTide.Gateway.Telemetry;
using RipTide.ServiceDefaults.Http;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>Kestrel's hard limits sit this far above ours, so that what ours refuse gets a problem+json answer.</summary>
    private const int KestrelHeadroomFactor = 2;

    public static IHostApplicationBuilder AddApiProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GatewayOptions>();

        var options = builder.Configuration.GetValidated<GatewayOptions>();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, options.MaxUrlBytes * KestrelHeadroomFactor);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, options.MaxHeaderBytes * KestrelHeadroomFactor);
        });
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfiguration.Routes(), ProxyConfiguration.Clusters(options))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    /// <summary>API keys, rate limits, load shedding and the client address behind trusted proxies.</summary>
    public static IHostApplicationBuilder AddEdgePolicies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AccessOptions>();
        builder.Services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        builder.Services.AddValidatedOptions<RateLimitOptions>();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddSingleton(services => new ApiKeyRing(services.GetRequiredService<IOptions<AccessOptions>>().Value));
        builder.Services.AddEdgeRateLimits();
        builder.Services.AddSingleton<EdgeTelemetry>();

        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<GatewayOptions>>((forwarded, gateway) => TrustOnly(forwarded, gateway.Value.TrustedProxies));
        return builder;
    }

    /// <summary>The edge pipeline, in order: who asks, how much, whether allowed, whether there is room; then the proxy.</summary>
    public static WebApplication MapApiProxy(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ApiKeyRing>().IsEnabled)
        {
            app.Services.GetRequiredService<EdgeTelemetry>().OpenAccess();
        }

        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestIdMiddleware>();
        app.UseRequestIdScope();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<MethodPolicyMiddleware>();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<ClientIdentityMiddleware>();
        app.UseMiddleware<InternalHeadersMiddleware>();
        // Only with a limit set: the middleware's own partitioned limiter wakes a timer every 100 ms even with no
        // limit, and each wake-up spins a worker here (DECISIONS.md, "Fewer wake-ups per page").
        var limits = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (limits.PerIp.Enabled || limits.PerKey.Enabled)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<AccessPolicyMiddleware>();
        app.UseMiddleware<LoadSheddingMiddleware>();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ForwarderErrorProblems.WriteProblemOnForwarderErrorAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapFallback(context => EdgeProblem.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", ProblemTypes.NotFound,
            $"There is no {context.Request.Method} {context.Request.Path}; see the API reference for the public routes."));
        return app;
    }

    private static void TrustOnly(ForwardedHeadersOptions forwarded, IList<string> trusted)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The defaults trust loopback; only what the operator names is trusted here.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        // Walk X-Forwarded-For from the right while each hop is trusted; the first untrusted one is the client.
        forwarded.ForwardLimit = null;
        foreach (var entry in trusted)
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }
    }
}
