using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Radzen;
using RipTide.Contracts;
using RipTide.Dashboard.Access;
using RipTide.Dashboard.Bench;
using RipTide.Dashboard.Gateway;
using RipTide.Dashboard.Metrics;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddMetricsHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MetricsAggregator>();
        builder.Services.AddSingleton<MetricsHistory>();
        builder.Services.AddHostedService<MetricsSampler>();
        builder.Services.AddSignalR()
            .AddJsonProtocol(json => JsonDefaults.Apply(json.PayloadSerializerOptions));
        return builder;
    }

    /// <summary>
    /// Who may use the dashboard (<see cref="DashboardAccessOptions"/>): with a sign-in required, every endpoint
    /// needs the sign-in cookie unless it says otherwise (health probes, static files, the sign-in page, and
    /// the metrics hub, which checks its own key).
    /// </summary>
    public static IHostApplicationBuilder AddDashboardAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DashboardAccessOptions>();
        builder.Services.AddSingleton<DashboardSignIn>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<DashboardSignIn>((cookie, signIn) =>
            {
                cookie.LoginPath = AccessEndpoints.LoginPath;
                cookie.LogoutPath = AccessEndpoints.LogoutPath;
                cookie.Cookie.Name = "riptide-dashboard";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = context =>
                {
                    if (!signIn.IsCurrent(context.Principal))
                    {
                        context.RejectPrincipal();
                    }

                    return Task.CompletedTask;
                };
            });
        // FramingGuardMiddleware sends X-Frame-Options: DENY on every answer; antiforgery's own SAMEORIGIN would
        // make a second, conflicting value, which browsers may drop altogether.
        builder.Services.AddAntiforgery(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        builder.Services.AddAuthorization();
        builder.Services.AddOptions<AuthorizationOptions>().Configure<IOptions<DashboardAccessOptions>>((authorization, access) =>
        {
            if (access.Value.RequireLogin)
            {
                authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
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
