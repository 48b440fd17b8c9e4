using RipTide.Contracts.Errors;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Only the methods the public routes use reach the proxy: anything else (CONNECT, TRACE, PUT, PATCH,
/// OPTIONS, made-up verbs) gets 405 problem+json with <c>Allow</c>, instead of a failed forward (503).
/// </summary>
public sealed class MethodPolicyMiddleware(RequestDelegate next)
{
    private const string Allowed = "GET, HEAD, POST, DELETE";

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method) || HttpMethods.IsDelete(method))
        {
            return next(context);
        }

        context.Response.Headers.Allow = Allowed;
        return EdgeProblem.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed", ProblemTypes.MethodNotAllowed,
            $"The gateway answers {Allowed}.");
    }
}
