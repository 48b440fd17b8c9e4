using RipTide.Extractor;
using RipTide.Extractor.Endpoints;
using RipTide.Http;
using RipTide.ServiceDefaults;
using RipTide.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRipTideHttp();
builder.AddExtraction();

var app = builder.Build();

app.UseExceptionHandler();
app.UseRequestIdScope();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapExtractEndpoints();
app.MapWasmAdminEndpoints();

app.Run();
