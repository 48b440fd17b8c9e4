using RipTide.Extractor;
using RipTide.Extractor.Endpoints;
using RipTide.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.AddExtraction();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapExtractEndpoints();
app.MapWasmAdminEndpoints();

app.Run();
