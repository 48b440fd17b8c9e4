using Scalar.AspNetCore;

namespace RipTide.Api.Endpoints;

/// <summary>
/// The native API described: the OpenAPI document at /openapi/v1.json (generated from the routes' names,
/// summaries and declared bodies) and a browsable reference at /docs (Scalar, served from the package, no CDN,
/// no web fonts, no telemetry: it must work where the servers have no internet).
/// </summary>
public static class ApiDocumentEndpoints
{
    public const string DocumentName = "v1";
    public const string ReferencePath = "/docs";

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().ExcludeFromDescription();
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("RipTide API")
                .ExpandAllTags()
                .HideDeveloperTools()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .ExcludeFromDescription();
        return app;
    }
}
