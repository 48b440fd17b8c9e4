using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RipTide.Contracts.Errors;
using RipTide.Gateway.Options;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Refuses oversized requests before anything reads them, with problem+json: a request target longer than
/// <see cref="GatewayOptions.MaxUrlBytes"/> (414), headers larger than <see cref="GatewayOptions.MaxHeaderBytes"/>
/// (431) and a declared body larger than the route's limit (413: <see cref="GatewayOptions.MaxCrawlRequestBodyBytes"/>
/// for crawl requests, <see cref="GatewayOptions.MaxRequestBodyBytes"/> for the rest). Kestrel's own limits sit
/// above these and only catch what is too large to parse at all; a chunked body that grows past the route's
/// limit is stopped by Kestrel while it is forwarded, and answered 413 (ForwarderErrorProblems).
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        if (target.Length > limits.MaxUrlBytes)
        {
            return EdgeProblem.WriteAsync(context, StatusCodes.Status414UriTooLong, "Request URL too long", ProblemTypes.UriTooLong,
                $"The request target has {target.Length} characters; the limit is {limits.MaxUrlBytes}.");
        }

        var headerBytes = HeaderBytes(context.Request.Headers);
        if (headerBytes > limits.MaxHeaderBytes)
        {
            return EdgeProblem.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", ProblemTypes.HeadersTooLarge,
                $"The request headers take {headerBytes} bytes; the limit is {limits.MaxHeaderBytes}.");
        }

        var bodyLimit = EdgePaths.TakesCrawlRequest(context.Request.Path) ? limits.MaxCrawlRequestBodyBytes : limits.MaxRequestBodyBytes;
        if (context.Request.ContentLength > bodyLimit)
        {
            return EdgeProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", ProblemTypes.PayloadTooLarge,
                $"The request body declares {context.Request.ContentLength} bytes; the limit is {bodyLimit}.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Also for a body without a declared length (chunked): reading past the limit fails with 413.
            bodySize.MaxRequestBodySize = bodyLimit;
        }

        return next(context);
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                // As on the wire: "name: value\r\n".
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }
}
