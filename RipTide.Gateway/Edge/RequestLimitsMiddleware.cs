using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RipTide.Contracts.Errors;
using RipTide.Gateway.Options;

namespace RipTide.Gateway.Edge;

/// <summary>
/// Refuses oversized requests before anything reads them, with problem+json: a request target longer than
/// <see cref="GatewayOptions.MaxUrlBytes"/> (414), headers larger than <see cref="GatewayOptions.MaxHeaderBytes"/>
/// (431) and a declared body larger than <see cref="GatewayOptions.MaxRequestBodyBytes"/> (413). Kestrel's
/// own limits sit above these and only catch what is too large to parse at all; a chunked body that grows
/// past the limit is stopped by Kestrel while it is forwarded.
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

        if (context.Request.ContentLength > limits.MaxRequestBodyBytes)
        {
            return EdgeProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", ProblemTypes.PayloadTooLarge,
                $"The request body declares {context.Request.ContentLength} bytes; the limit is {limits.MaxRequestBodyBytes}.");
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
