using Microsoft.Extensions.Options;
using RipTide.Contracts.Errors;
using RipTide.Gateway.Options;
using RipTide.Gateway.Telemetry;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Caps the requests the gateway forwards at once. One over the cap is answered at once with 503 and
/// <c>Retry-After</c> instead of queueing, so overload costs the gateway a few hundred bytes per refused
/// request rather than a socket and a buffer upstream.
/// </summary>
public sealed class LoadSheddingMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, EdgeTelemetry log)
{
    private int _inFlight;

    public async Task InvokeAsync(HttpContext context)
    {
        if (EdgePaths.IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }

        var limit = options.Value.MaxConcurrentRequests;
        if (Interlocked.Increment(ref _inFlight) > limit)
        {
            Interlocked.Decrement(ref _inFlight);
            log.Shed(limit);
            context.Response.Headers.RetryAfter = "1";
            await EdgeProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", ProblemTypes.Overloaded,
                $"The gateway is already forwarding {limit} requests; retry shortly.", retryable: true);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
