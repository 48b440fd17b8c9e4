using System.Globalization;
using RipTide.Contracts.Errors;
using RipTide.Gateway.Telemetry;

namespace RipTide.Gateway.Edge;

/// <summary>
/// 429 with <c>Retry-After</c> when a client's bucket is empty. It runs before the access check, so guessing
/// keys from one address is limited like any other traffic from it.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, ClientRateLimiter limiter, EdgeTelemetry log)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (EdgePaths.IsProbe(context.Request.Path))
        {
            return next(context);
        }

        var client = ClientIdentity.Of(context);
        var (allowed, retryAfter, limit) = limiter.TryAcquire(client);
        if (allowed)
        {
            return next(context);
        }

        log.RateLimited(client.Network, client.KeyId, limit!);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return EdgeProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", ProblemTypes.RateLimited,
            $"The rate limit {limit} is used up; retry after {retryAfter} s.", retryable: true);
    }
}
