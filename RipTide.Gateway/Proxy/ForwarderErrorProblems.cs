using RipTide.Contracts.Errors;
using RipTide.Gateway.Edge;
using RipTide.Http;
using Yarp.ReverseProxy.Forwarder;

namespace RipTide.Gateway.Proxy;

/// <summary>
/// Answers with problem+json when forwarding failed (YARP's default is an empty 502/503, also when no
/// destination is healthy), so clients see the same error shape at the edge as behind it. A failure on the
/// client's side (a body larger than the limit, a body cut off) is the client's 4xx, not an upstream 503.
/// </summary>
public static class ForwarderErrorProblems
{
    public static async Task WriteProblemOnForwarderErrorAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var problem = error.Error switch
        {
            ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled when IsBodyTooLarge(error.Exception) =>
                Problems.PayloadTooLarge(context, "The request body is larger than the gateway accepts."),
            ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled or ForwarderError.RequestCanceled =>
                Problems.Validation(context, "The request body could not be read to its end."),
            ForwarderError.RequestTimedOut =>
                Problems.Create(context, StatusCodes.Status504GatewayTimeout, "Upstream timed out", ProblemTypes.Timeout,
                    "No Api replica answered in time.", retryable: true),
            _ => Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Upstream unavailable", ProblemTypes.UpstreamUnavailable,
                $"No Api replica could answer ({error.Error}).", retryable: true),
        };

        if (problem.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        await EdgeProblem.ExecuteAsync(context, problem);
    }

    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
