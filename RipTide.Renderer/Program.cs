using RipTide.Http;
using RipTide.Renderer;
using RipTide.Renderer.Endpoints;
using RipTide.ServiceDefaults;
using RipTide.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRipTideHttp();
builder.AddRendering();

var app = builder.Build();

app.UseExceptionHandler();
app.UseRequestIdScope();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapRenderEndpoints();

app.Run();
