using RipTide.Api.Extraction;
using RipTide.Contracts.Extraction;
using RipTide.Http;

namespace RipTide.Api.Endpoints;

/// <summary>GET /admin/wasm/stats and POST /admin/wasm/reset, answered by the Extractor.</summary>
public static class WasmAdminRelayEndpoints
{
    public static IEndpointRouteBuilder MapWasmAdminRelayEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/wasm").WithTags("Admin").WithStrictQuery();
        group.MapGet("/stats", (ExtractorAdminClient extractor, CancellationToken cancellationToken) =>
                RelayAsync(extractor, HttpMethod.Get, "/admin/wasm/stats", cancellationToken))
            .WithName("WasmStats")
            .WithSummary("Extraction pool statistics from the Extractor.")
            .Produces<WasmPoolStats>().AnswersProblems(StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/reset", (ExtractorAdminClient extractor, CancellationToken cancellationToken) =>
                RelayAsync(extractor, HttpMethod.Post, "/admin/wasm/reset", cancellationToken))
            .WithName("WasmReset")
            .WithSummary("Recycles every extraction slot without failing calls in flight.")
            .Produces<WasmPoolStats>(StatusCodes.Status202Accepted).AnswersProblems(StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> RelayAsync(ExtractorAdminClient extractor, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var (status, contentType, body) = await extractor.SendAsync(method, path, cancellationToken);
        return new RelayedResult(status, contentType, body);
    }

    /// <summary>The Extractor's answer as it came: status, content type and body.</summary>
    private sealed class RelayedResult(int status, string contentType, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }
}
