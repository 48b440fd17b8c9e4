using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Endpoints;

/// <summary>POST /crawl: a batch of URLs in, results in request order out.</summary>
public static class CrawlEndpoints
{
    public static IEndpointRouteBuilder MapCrawlEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/crawl")
            .WithTags("Crawl")
            .AddEndpointFilter<RequestMetricsFilter>();

        group.MapPost("/", CrawlAsync)
            .WithName("Crawl")
            .WithSummary("Crawls up to max_urls URLs and answers with every result in request order.");
        return app;
    }

    private static async Task<Results<Ok<CrawlResponse>, ProblemHttpResult>> CrawlAsync(
        HttpContext context,
        CrawlRequestValidator validator,
        CrawlService crawler,
        IOptions<CrawlLimitsOptions> limits,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.CrawlRequest, limits.Value.MaxRequestBytes, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (!validator.TryValidate(body.Value!, out var plan, out var detail))
        {
            return Problems.Validation(context, detail);
        }

        var response = await crawler.CrawlAsync(plan, RequestIds.Get(context), cancellationToken);
        return TypedResults.Ok(response);
    }
}
