using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Rendering;
using RipTide.Http;
using RipTide.Renderer.Browsers;
using RipTide.Renderer.Options;
using RipTide.Renderer.Rendering;

namespace RipTide.Renderer.Endpoints;

/// <summary>POST /render: a page's URL and fetched HTML in, the page after its scripts ran out (internal; only the Api calls it).</summary>
public static class RenderEndpoints
{
    /// <summary>Room for the JSON around the HTML (its escaping can double it).</summary>
    private const long JsonOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/render", RenderAsync)
            .WithName("Render")
            .WithSummary("Renders the posted page in Chromium and returns its DOM as HTML (with a screenshot when asked).")
            .WithTags("Rendering");
        return app;
    }

    private static async Task<Results<Ok<RenderResponse>, ProblemHttpResult>> RenderAsync(
        HttpContext context, PageRenderer renderer, IOptions<RendererOptions> options, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.RenderRequest, o.MaxHtmlBytes * 2 + JsonOverhead, cancellationToken);
        if (!body.TryGetValue(out var request, out var problem))
        {
            return problem;
        }

        if (Validate(request, o) is { } invalid)
        {
            return Problems.Validation(context, invalid);
        }

        try
        {
            return TypedResults.Ok(await renderer.RenderAsync(request, new Uri(request.Url), cancellationToken));
        }
        catch (RendererOverloadedException busy)
        {
            return Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Renderer busy", CrawlErrorTypes.RenderFailed, busy.Message, retryable: true);
        }
        catch (RenderFailedException failed)
        {
            var status = failed.ErrorType switch
            {
                CrawlErrorTypes.Timeout => StatusCodes.Status504GatewayTimeout,
                CrawlErrorTypes.TooLarge => StatusCodes.Status422UnprocessableEntity,
                "validation_error" => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status502BadGateway,
            };
            return Problems.Create(context, status, "Render failed", failed.ErrorType, failed.Message, failed.Retryable);
        }
    }

    private static string? Validate(RenderRequest request, RendererOptions options)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "url must be an absolute http(s) URL.";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(request.Html) > options.MaxHtmlBytes)
        {
            return $"html is larger than {options.MaxHtmlBytes} bytes.";
        }

        if (request.TimeoutMs is < 100 or > 600_000)
        {
            return "timeout_ms must be from 100 to 600000.";
        }

        if (request.Scroll < 0 || request.Scroll > options.MaxScrollSteps)
        {
            return $"scroll must be from 0 to {options.MaxScrollSteps}.";
        }

        if (request.WaitFor is { Length: > 1000 })
        {
            return "wait_for is longer than 1000 characters.";
        }

        if (request.WaitMs < 0 || request.WaitMs >= (request.TimeoutMs ?? options.DefaultTimeoutMs))
        {
            return "wait_ms must be from 0 to less than the render's timeout.";
        }

        return request.Status is < 100 or > 599 ? "status must be an HTTP status (100-599)." : null;
    }
}
