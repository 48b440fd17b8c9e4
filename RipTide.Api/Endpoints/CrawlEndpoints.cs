using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Api.Crawling;
using RipTide.Contracts.Crawling;
using RipTide.Http;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Endpoints;

/// <summary>POST /crawl (results in request order) and POST /crawl/stream (one line per result as it completes).</summary>
public static class CrawlEndpoints
{
    public const string SessionHeader = CrawlHeaders.SessionId;
    private const int MaxSessionIdLength = 200;

    public static IEndpointRouteBuilder MapCrawlEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/crawl")
            .WithTags("Crawl")
            .AddEndpointFilter<RequestMetricsFilter>();

        group.MapPost(string.Empty, CrawlAsync)
            .WithName("Crawl")
            .WithSummary("Crawls up to max_urls URLs and answers with every result in request order.")
            .TakesJson<CrawlRequest>()
            .AnswersProblems(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/stream", StreamAsync)
            .WithName("CrawlStream")
            .WithSummary("Crawls like POST /crawl and streams one NDJSON line (or SSE event) per URL as it completes.")
            .WithDescription("Lines: one `start` (CrawlStreamStart), a `result` per URL as it completes (CrawlStreamResult), `heartbeat`s while idle, "
                + "and a last `summary` (CrawlStreamSummary). `Accept: text/event-stream` gives the same as SSE events.")
            .TakesJson<CrawlRequest>()
            .Produces<CrawlStreamResult>(StatusCodes.Status200OK, "application/x-ndjson", "text/event-stream")
            .AnswersProblems(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<CrawlResponse>, ProblemHttpResult>> CrawlAsync(
        HttpContext context, CrawlIntake intake, CrawlService crawler, CancellationToken cancellationToken)
    {
        if (!(await intake.ReadAsync(context, cancellationToken)).TryGetValue(out var crawl, out var problem))
        {
            return problem;
        }

        using (crawl)
        {
            return TypedResults.Ok(await crawler.CrawlAsync(crawl.Plan, RequestIds.Get(context), cancellationToken));
        }
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> StreamAsync(
        HttpContext context, CrawlIntake intake, CrawlStreamService streamer, CancellationToken cancellationToken)
    {
        string? sessionId = context.Request.Headers[SessionHeader];
        if (sessionId is { Length: > MaxSessionIdLength } || (sessionId is not null && sessionId.Any(char.IsControl)))
        {
            return Problems.Validation(context, $"{SessionHeader} must be at most {MaxSessionIdLength} printable characters.");
        }

        // Validation problems are answered before the stream starts, as ordinary problem+json.
        if (!(await intake.ReadAsync(context, cancellationToken)).TryGetValue(out var crawl, out var problem))
        {
            return problem;
        }

        using (crawl)
        {
            await streamer.StreamAsync(context, crawl.Plan, RequestIds.Get(context), sessionId, cancellationToken);
        }

        return TypedResults.Empty;
    }
}
