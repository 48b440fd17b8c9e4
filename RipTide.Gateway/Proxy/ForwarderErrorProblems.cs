using RipTide.ServiceDefaults.Http;
using Yarp.ReverseProxy.Forwarder;

namespace RipTide.Gateway.Proxy;

/// <summary>
/// Answers with problem+json when no Api copy could take a request (YARP's default is an empty 502/503,
/// also when no destination is healthy), so clients see the same error shape at the edge as behind it.
/// </summary>
public static class ForwarderErrorProblems
{
    public static async Task WriteProblemOnForwarderErrorAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        var status = error.Error is ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        var problem = Problems.Create(context, status, "Upstream unavailable", "upstream_unavailable",
            $"No Api replica could answer ({error.Error}).", retryable: true);
        await problem.ExecuteAsync(context);
    }
}
