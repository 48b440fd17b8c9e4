using RipTide.Gateway;
using RipTide.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.AddApiProxy();

var app = builder.Build();

app.UseExceptionHandler();
// /health is forwarded to the Api copies (the gateway is ready when one of them is); /alive stays local.
app.MapDefaultEndpoints(mapReadiness: false);
app.MapApiProxy();

app.Run();
