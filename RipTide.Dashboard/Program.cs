using RipTide.Contracts.Metrics;
using RipTide.Dashboard;
using RipTide.Dashboard.Access;
using RipTide.Dashboard.Components;
using RipTide.Dashboard.Metrics;
using RipTide.Http;
using RipTide.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRipTideHttp();
builder.AddDashboardAccess();
builder.AddMetricsHub();
builder.AddDashboardPages();

var app = builder.Build();

app.UseExceptionHandler();
app.UseMiddleware<FramingGuardMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseWhen(context => context.Request.Path.StartsWithSegments(MetricsHubContract.Path), hub => hub.UseMiddleware<MetricsHubKeyMiddleware>());
app.MapDefaultEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapHub<MetricsHub>(MetricsHubContract.Path).AllowAnonymous(); // publishers hold the hub key, not a sign-in
app.MapDashboardAccess();
// FramingGuardMiddleware sends frame-ancestors 'none' on every answer; Blazor's own 'self' would be a
// second policy on its pages.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);

app.Run();
