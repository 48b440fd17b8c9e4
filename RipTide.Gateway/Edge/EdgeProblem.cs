using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Contracts.Firecrawl;
using RipTide.Http;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Writes an error from an edge middleware, which has no endpoint result to return: problem+json, except
/// under Firecrawl's /v2 routes, whose SDKs read Firecrawl's <c>{"success": false, "error": "…"}</c>.
/// </summary>
public static class EdgeProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string errorType, string detail, bool retryable = false) =>
        ExecuteAsync(context, Problems.Create(context, status, title, errorType, detail, retryable));

    public static Task ExecuteAsync(HttpContext context, ProblemHttpResult problem) =>
        IsFirecrawl(context.Request.Path)
            ? TypedResults.Json(new FirecrawlError(false, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "The request failed."),
                FirecrawlJsonContext.Wire.FirecrawlError, statusCode: problem.StatusCode).ExecuteAsync(context)
            : problem.ExecuteAsync(context);

    public static bool IsFirecrawl(PathString path) => path.StartsWithSegments("/v2");
}
