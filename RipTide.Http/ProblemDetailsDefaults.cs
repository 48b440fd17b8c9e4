using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using RipTide.Contracts.Errors;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Http;

/// <summary>
/// Problem details written by the framework itself (an unknown route, a wrong method, an unhandled
/// exception) get the same extension members as ours, so a client can rely on <c>error_type</c>,
/// <c>retryable</c> and <c>request_id</c> on every error, whoever wrote it.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static IServiceCollection AddRipTideProblemDetails(this IServiceCollection services)
    {
        // A request the framework itself refuses (a query value that does not bind, a body it cannot read)
        // is the client's error: its own status (400, 413), never a 500.
        services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Complete(context.HttpContext, context.ProblemDetails));
    }

    public static void Complete(HttpContext context, ProblemDetails problem)
    {
        if (problem.Extensions.ContainsKey("error_type"))
        {
            return;
        }

        var status = problem.Status ?? context.Response.StatusCode;
        var errorType = ErrorTypeOf(status);
        problem.Type = ProblemTypes.BaseUri + errorType;
        problem.Instance ??= context.Request.Path;
        problem.Extensions["error_type"] = errorType;
        problem.Extensions["retryable"] = status is StatusCodes.Status429TooManyRequests or >= StatusCodes.Status502BadGateway;
        problem.Extensions["request_id"] = RequestIds.Get(context);
    }

    public static string ErrorTypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ProblemTypes.Unauthorized,
        StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
        StatusCodes.Status404NotFound => ProblemTypes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemTypes.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
        StatusCodes.Status414UriTooLong => ProblemTypes.UriTooLong,
        StatusCodes.Status415UnsupportedMediaType => ProblemTypes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ProblemTypes.RateLimited,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ProblemTypes.HeadersTooLarge,
        StatusCodes.Status503ServiceUnavailable => ProblemTypes.Overloaded,
        StatusCodes.Status504GatewayTimeout => ProblemTypes.Timeout,
        >= 500 => ProblemTypes.InternalError,
        _ => ProblemTypes.ValidationError,
    };
}
