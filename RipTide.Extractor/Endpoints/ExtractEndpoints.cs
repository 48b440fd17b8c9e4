using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;
using RipTide.Contracts.Extraction;
using RipTide.Documents;
using RipTide.Extractor.Extraction;
using RipTide.Extractor.Options;
using RipTide.Http;
using RipTide.Sandbox;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Extractor.Endpoints;

/// <summary>
/// POST /extract: HTML and its URL in, a document out. The body is either JSON (<see cref="ExtractRequest"/>)
/// or the page itself as <c>text/html</c> UTF-8 with <c>?url=&amp;extraction=&amp;markdown=</c>: the Api's path,
/// which spares both sides escaping and validating the whole page as a JSON string.
/// </summary>
public static class ExtractEndpoints
{
    public static IEndpointRouteBuilder MapExtractEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/extract", ExtractAsync)
            .WithName("Extract")
            .WithSummary("Extracts title, main text, markdown, metadata, links and media from the posted HTML (JSON, or text/html with ?url=).")
            .WithTags("Extraction")
            .Produces<Document>(StatusCodes.Status200OK, "application/json");
        app.MapPost("/css-schema/validate", ValidateSchemaAsync)
            .WithName("ValidateCssSchema")
            .WithSummary("Checks a css_schema (shape and every selector) without extracting anything.")
            .WithTags("Extraction");
        return app;
    }

    private static async Task<Results<SlicedJsonResult, ProblemHttpResult>> ExtractAsync(
        HttpContext context, ExtractionService extraction, IOptions<ExtractorOptions> options, CancellationToken cancellationToken)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            && contentType.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return await ExtractHtmlBodyAsync(context, contentType, extraction, options.Value, cancellationToken);
        }

        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.ExtractRequest, options.Value.MaxHtmlBytes, cancellationToken);
        if (!body.TryGetValue(out var request, out var problem))
        {
            return problem;
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Problems.Validation(context, "url must be an absolute http(s) URL.");
        }

        if (request.Html is null)
        {
            return Problems.Validation(context, "html is required.");
        }

        if (ParseMode(request.Extraction) is not { } mode)
        {
            return Problems.Validation(context, $"extraction '{request.Extraction}' is not one of article, full, metadata.");
        }

        CssSchema? schema = null;
        if (request.CssSchema is { } rawSchema && !CssSchema.TryParse(rawSchema, out schema, out var schemaProblem))
        {
            return Problems.Validation(context, schemaProblem);
        }

        if (!HtmlFilter.TryCreate(request.IncludeSelectors, request.ExcludeSelectors, out var filter, out var filterProblem))
        {
            return Problems.Validation(context, filterProblem);
        }

        try
        {
            return Json(await extraction.ExtractAsync(request.Html, url, mode, request.IncludeMarkdown ?? true, cancellationToken, schema, Budget(context), filter));
        }
        catch (ExtractionFailedException failure)
        {
            return Failed(context, failure);
        }
    }

    private static async Task<Results<SlicedJsonResult, ProblemHttpResult>> ExtractHtmlBodyAsync(
        HttpContext context, MediaTypeHeaderValue contentType, ExtractionService extraction, ExtractorOptions options, CancellationToken cancellationToken)
    {
        if (contentType.Charset is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType(context, "A text/html body must be UTF-8.");
        }

        var query = context.Request.Query;
        if (query.Keys.FirstOrDefault(key => key is not ("url" or "extraction" or "markdown")) is { } unknown)
        {
            return Problems.Validation(context, $"Query parameter '{unknown}' is not one of url, extraction, markdown.");
        }

        if (!Uri.TryCreate(query["url"].ToString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Problems.Validation(context, "url must be an absolute http(s) URL.");
        }

        if (ParseMode(query.ContainsKey("extraction") ? query["extraction"].ToString() : null) is not { } mode)
        {
            return Problems.Validation(context, $"extraction '{query["extraction"]}' is not one of article, full, metadata.");
        }

        var markdown = true;
        if (query.ContainsKey("markdown") && !bool.TryParse(query["markdown"], out markdown))
        {
            return Problems.Validation(context, "markdown must be true or false.");
        }

        PooledBody? html;
        try
        {
            html = await HtmlBodyReader.ReadAsync(context, options.MaxHtmlBytes, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            // HtmlBodyReader answers a body over the limit itself; this one was cut off: the caller went away mid-upload (the Api's deadline passed): answered as its error, not logged as ours.
            return Problems.Validation(context, "The request body ended before it was complete.");
        }

        using var owned = html;
        if (html is null)
        {
            return Problems.PayloadTooLarge(context, $"The request body exceeds {options.MaxHtmlBytes} bytes.");
        }

        try
        {
            return Json(await extraction.ExtractUtf8Async(html.Memory, url, mode, markdown, cancellationToken, Budget(context)));
        }
        catch (ExtractionFailedException failure)
        {
            return Failed(context, failure);
        }
    }

    /// <summary>The caller's remaining time (<see cref="ExtractionHeaders.BudgetMs"/>), if it sent one that makes sense.</summary>
    private static TimeSpan? Budget(HttpContext context) =>
        int.TryParse(context.Request.Headers[ExtractionHeaders.BudgetMs], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    /// <summary>The document's checked JSON as it is: parsing it only to write it out again cost more than the request's other work.</summary>
    private static SlicedJsonResult Json(DocumentJson document) => new(document.Utf8);

    private static ProblemHttpResult Failed(HttpContext context, ExtractionFailedException failure)
    {
        switch (failure.Kind)
        {
            case ExtractionFailureKind.TooLarge:
                return Problems.PayloadTooLarge(context, failure.Message);
            case ExtractionFailureKind.Overloaded:
                context.Response.Headers.RetryAfter = "1";
                return Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", ProblemTypes.Overloaded, failure.Message, retryable: true);
            case ExtractionFailureKind.TooComplex:
                return Problems.Create(context, StatusCodes.Status422UnprocessableEntity, "Page too complex", CrawlErrorTypes.TooComplex, failure.Message, retryable: false);
            case ExtractionFailureKind.Timeout:
                // Deterministic for this page within this budget: the Api does not retry it.
                return Problems.Create(context, StatusCodes.Status422UnprocessableEntity, "Extraction timed out", CrawlErrorTypes.Timeout, failure.Message, retryable: false);
            default:
                return Problems.Create(context, StatusCodes.Status422UnprocessableEntity, "Extraction failed", CrawlErrorTypes.ExtractionError, failure.Message,
                    retryable: failure.Kind is ExtractionFailureKind.Unavailable);
        }
    }

    /// <summary>The Api checks a crawl's css_schema here before the crawl starts: this service owns the selector engine.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ValidateSchemaAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.CssSchemaCheck, 1024 * 1024, cancellationToken);
        if (!body.TryGetValue(out var check, out var problem))
        {
            return problem;
        }

        if (check.CssSchema is not { } schema)
        {
            return Problems.Validation(context, "css_schema is required.");
        }

        return CssSchema.TryParse(schema, out _, out var schemaProblem)
            ? TypedResults.NoContent()
            : Problems.Validation(context, schemaProblem);
    }

    private static ExtractionMode? ParseMode(string? value) => value switch
    {
        null or "article" => ExtractionMode.Article,
        "full" => ExtractionMode.Full,
        "metadata" => ExtractionMode.Metadata,
        _ => null,
    };
}
