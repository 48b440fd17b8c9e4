using System.Diagnostics;
using RipTide.Api.Telemetry;

namespace RipTide.Api.Endpoints;

/// <summary>Records every crawl API request's status and duration in <see cref="ApiMetrics"/>.</summary>
public sealed class RequestMetricsFilter(ApiMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = context.HttpContext.GetEndpoint()?.DisplayName ?? context.HttpContext.Request.Path.Value ?? "";
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var result = await next(context);
            status = StatusOf(result);
            return result;
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            status = StatusCodes.Status499ClientClosedRequest;
            throw;
        }
        finally
        {
            metrics.RecordRequest(endpoint, status, Stopwatch.GetElapsedTime(started));
        }
    }

    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };
}
