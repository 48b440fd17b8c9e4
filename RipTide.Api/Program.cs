using RipTide.Api;
using RipTide.Api.Endpoints;
using RipTide.Http;
using RipTide.ServiceDefaults;
using RipTide.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRipTideHttp();
builder.AddCrawling();
builder.AddGate();
builder.AddFetching();
builder.AddPoliteness();
builder.AddCrawlCache();
builder.AddExtractorClient();
builder.AddJobs();
builder.AddFirecrawlCompatibility();
builder.AddApiDocument();
builder.AddDashboardPublishing();

var app = builder.Build();

app.UseExceptionHandler();
app.UseRequestIdScope();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapCrawlEndpoints();
app.MapExtractEndpoints();
app.MapWasmAdminRelayEndpoints();
app.MapCacheAdminEndpoints();
app.MapFetchAdminEndpoints();
app.MapJobEndpoints();
app.MapAdminJobEndpoints();
app.MapMapEndpoints();
app.MapFirecrawlEndpoints();
app.MapApiDocument();

app.Run();
