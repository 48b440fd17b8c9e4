using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RipTide.Contracts.Errors;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Http;

/// <summary>
/// Request-level errors in the contract's RFC 9457 shape: <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c> plus <c>error_type</c>, <c>retryable</c> and <c>request_id</c>.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Validation(HttpContext context, string detail) =>
        Create(context, StatusCodes.Status400BadRequest, "Invalid request", ProblemTypes.ValidationError, detail, retryable: false);

    public static ProblemHttpResult UnsupportedMediaType(HttpContext context, string detail) =>
        Create(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemTypes.UnsupportedMediaType, detail, retryable: false);

    public static ProblemHttpResult PayloadTooLarge(HttpContext context, string detail) =>
        Create(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", ProblemTypes.PayloadTooLarge, detail, retryable: false);

    public static ProblemHttpResult DependencyUnavailable(HttpContext context, string detail) =>
        Create(context, StatusCodes.Status503ServiceUnavailable, "Dependency unavailable", ProblemTypes.DependencyUnavailable, detail, retryable: true);

    public static ProblemHttpResult Create(HttpContext context, int status, string title, string errorType, string detail, bool retryable)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.BaseUri + errorType,
            Title = title,
            Status = status,
            Detail = detail,
            Instance = context.Request.Path,
        };
        problem.Extensions["error_type"] = errorType;
        problem.Extensions["retryable"] = retryable;
        problem.Extensions["request_id"] = RequestIds.Get(context);
        return TypedResults.Problem(problem);
    }
}
