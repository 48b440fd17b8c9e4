using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Contracts.Firecrawl;

namespace RipTide.Api.Firecrawl;

/// <summary>Firecrawl's error body, <c>{"success": false, "error": "…"}</c>, with the status of the failure.</summary>
public static class FirecrawlAnswers
{
    public static IResult Error(int status, string message) =>
        TypedResults.Json(new FirecrawlError(false, message), FirecrawlJsonContext.Wire.FirecrawlError, statusCode: status);

    /// <summary>A problem of RipTide's shared request reading (body type, size, JSON), said in Firecrawl's shape.</summary>
    public static IResult From(ProblemHttpResult problem) =>
        Error(problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Invalid request.");

    public static IResult JobNotFound() => Error(StatusCodes.Status404NotFound, "Job not found (it may have expired, or belong to another key).");
}
