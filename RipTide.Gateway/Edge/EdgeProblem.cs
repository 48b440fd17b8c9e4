using RipTide.Http;

namespace RipTide.Gateway.Edge;

/// <summary>Writes a problem+json answer from an edge middleware, which has no endpoint result to return.</summary>
public static class EdgeProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string errorType, string detail, bool retryable = false) =>
        Problems.Create(context, status, title, errorType, detail, retryable).ExecuteAsync(context);
}
