using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Contracts.Extraction;
using RipTide.Http;
using RipTide.Sandbox;

namespace RipTide.Extractor.Endpoints;

/// <summary>GET /admin/wasm/stats and POST /admin/wasm/reset.</summary>
public static class WasmAdminEndpoints
{
    public static IEndpointRouteBuilder MapWasmAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/wasm").WithTags("Admin");
        group.MapGet("/stats", Stats).WithName("WasmStats").WithSummary("Extraction pool statistics.");
        group.MapPost("/reset", Reset).WithName("WasmReset").WithSummary("Recycles every pool slot without failing calls in flight.");
        return app;
    }

    private static Results<Ok<WasmPoolStats>, ProblemHttpResult> Stats(HttpContext context, WasmSandbox sandbox) =>
        sandbox.Pool is { } pool
            ? TypedResults.Ok(pool.Stats())
            : Problems.DependencyUnavailable(context, "The WebAssembly module is not loaded; extraction uses the fallback engine.");

    private static Results<Accepted<WasmPoolStats>, ProblemHttpResult> Reset(HttpContext context, WasmSandbox sandbox)
    {
        if (sandbox.Pool is not { } pool)
        {
            return Problems.DependencyUnavailable(context, "The WebAssembly module is not loaded; extraction uses the fallback engine.");
        }

        pool.Reset();
        return TypedResults.Accepted((string?)null, pool.Stats());
    }
}
