using RipTide.Contracts.Metrics;
using RipTide.Dashboard;
using RipTide.Dashboard.Components;
using RipTide.Dashboard.Metrics;
using RipTide.ServiceDefaults;
using RipTide.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRipTideProblemDetails();
builder.AddMetricsHub();
builder.AddDashboardPages();

var app = builder.Build();

app.UseExceptionHandler();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapHub<MetricsHub>(MetricsHubContract.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
