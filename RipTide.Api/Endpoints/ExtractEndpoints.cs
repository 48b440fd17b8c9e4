using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Extraction;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.Http;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Endpoints;

/// <summary>POST /extract: one document from <c>{url}</c> (fetch + extract) or <c>{url, html}</c> (extract only).</summary>
public static class ExtractEndpoints
{
    public static IEndpointRouteBuilder MapExtractEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/extract", ExtractAsync)
            .WithName("ExtractDocument")
            .WithSummary("Extracts one document from a URL, or from HTML supplied with its URL.")
            .WithTags("Extraction")
            .TakesJson<ExtractRequest>()
            .Produces<Document>(StatusCodes.Status200OK, "application/json")
            .AnswersProblems(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter<RequestMetricsFilter>();
        return app;
    }

    private static async Task<Results<SlicedJsonResult, ProblemHttpResult>> ExtractAsync(
        HttpContext context, DocumentExtraction extraction, IOptions<CrawlLimitsOptions> limits, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.ExtractRequest, limits.Value.MaxExtractRequestBytes, cancellationToken);
        if (!body.TryGetValue(out var request, out var problem))
        {
            return problem;
        }

        if (!UrlNormalizer.TryNormalize(request.Url, limits.Value.MaxUrlLength, out var url, out var urlProblem))
        {
            return Problems.Validation(context, $"url {urlProblem}.");
        }

        var outcome = await extraction.ExtractAsync(url, request, cancellationToken);
        if (outcome.Failed)
        {
            return Problems.Create(context, outcome.Status, "Extraction failed", outcome.ErrorType, outcome.Detail, outcome.Retryable);
        }

        return new SlicedJsonResult((outcome.Document ?? throw new InvalidOperationException("An extraction that did not fail has a document.")).Utf8);
    }
}
