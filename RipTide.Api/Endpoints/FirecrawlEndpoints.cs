using System.Text.Json.Serialization.Metadata;
using RipTide.Api.Firecrawl;
using RipTide.Api.Jobs;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Firecrawl;
using RipTide.Http;
using RipTide.ServiceDefaults.Http;
using StackExchange.Redis;

namespace RipTide.Api.Endpoints;

/// <summary>
/// Firecrawl's v2 API (/v2/…), so that its SDKs and integrations work by changing the base URL: a thin
/// translation onto RipTide's own pipeline, jobs and map (docs/FIRECRAWL.md). Every answer, errors included,
/// is in Firecrawl's shape: <c>{"success": false, "error": "…"}</c> with the status Firecrawl would use.
/// </summary>
public static class FirecrawlEndpoints
{
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Firecrawl routes RipTide does not offer, and why.</summary>
    private static readonly Dictionary<string, string> NotOffered = new(StringComparer.OrdinalIgnoreCase)
    {
        ["search"] = "web search needs a search engine",
        ["extract"] = "LLM extraction needs a language model (RipTide's own /crawl takes options.css_schema)",
        ["agent"] = "agents need a language model",
        ["deep-research"] = "deep research needs a language model",
        ["llmstxt"] = "llms.txt generation needs a language model",
        ["research"] = "research needs a language model",
        ["parse"] = "file parsing is not offered",
        ["browser"] = "interactive browser sessions are not offered",
        ["monitor"] = "monitors are not offered",
        ["team"] = "teams and credits do not exist in RipTide",
    };

    public static IEndpointRouteBuilder MapFirecrawlEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Firecrawl").ExcludeFromDescription();
        v2.MapPost("/scrape", ScrapeAsync).WithName("FirecrawlScrape");
        v2.MapPost("/batch/scrape", StartBatchAsync).WithName("FirecrawlBatchScrape");
        v2.MapGet("/batch/scrape/{id}", BatchStatusAsync).WithName("FirecrawlBatchStatus");
        v2.MapDelete("/batch/scrape/{id}", CancelBatchAsync).WithName("FirecrawlBatchCancel");
        v2.MapGet("/batch/scrape/{id}/errors", BatchErrorsAsync).WithName("FirecrawlBatchErrors");
        v2.MapPost("/crawl", StartCrawlAsync).WithName("FirecrawlCrawl");
        v2.MapGet("/crawl/active", ActiveCrawlsAsync).WithName("FirecrawlActiveCrawls");
        v2.MapGet("/crawl/{id}", CrawlStatusAsync).WithName("FirecrawlCrawlStatus");
        v2.MapDelete("/crawl/{id}", CancelCrawlAsync).WithName("FirecrawlCrawlCancel");
        v2.MapGet("/crawl/{id}/errors", CrawlErrorsAsync).WithName("FirecrawlCrawlErrors");
        v2.MapPost("/map", MapAsync).WithName("FirecrawlMap");
        v2.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete], NotOfferedRoute).WithName("FirecrawlNotOffered");
        return app;
    }

    private static string Caller(HttpContext context) => context.Request.Headers[CrawlHeaders.Caller] is { Count: 1 } caller ? caller[0]! : "local";

    private static async Task<IResult> ScrapeAsync(HttpContext context, FirecrawlScraper scraper, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, FirecrawlJsonContext.Wire.FirecrawlScrapeRequest, MaxBodyBytes, cancellationToken);
        return body.TryGetValue(out var request, out var problem)
            ? Answer(await scraper.ScrapeAsync(request, RequestIds.Get(context), cancellationToken), FirecrawlJsonContext.Wire.FirecrawlScrapeResponse)
            : FirecrawlAnswers.From(problem);
    }

    private static async Task<IResult> StartBatchAsync(HttpContext context, FirecrawlJobs jobs, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, FirecrawlJsonContext.Wire.FirecrawlBatchRequest, MaxBodyBytes, cancellationToken);
        return body.TryGetValue(out var request, out var problem)
            ? await GuardAsync(async () => Answer(await jobs.StartBatchAsync(request, Caller(context), id => PublicUrl.Of(context, $"/v2/batch/scrape/{id}")),
                FirecrawlJsonContext.Wire.FirecrawlJobStarted))
            : FirecrawlAnswers.From(problem);
    }

    private static async Task<IResult> StartCrawlAsync(HttpContext context, FirecrawlJobs jobs, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, FirecrawlJsonContext.Wire.FirecrawlCrawlRequest, MaxBodyBytes, cancellationToken);
        return body.TryGetValue(out var request, out var problem)
            ? await GuardAsync(async () => Answer(await jobs.StartCrawlAsync(request, Caller(context), id => PublicUrl.Of(context, $"/v2/crawl/{id}")),
                FirecrawlJsonContext.Wire.FirecrawlJobStarted))
            : FirecrawlAnswers.From(problem);
    }

    private static Task<IResult> BatchStatusAsync(HttpContext context, string id, FirecrawlJobs jobs) => StatusAsync(context, id, JobKinds.Batch, "/v2/batch/scrape", jobs);

    private static Task<IResult> CrawlStatusAsync(HttpContext context, string id, FirecrawlJobs jobs) => StatusAsync(context, id, JobKinds.Spider, "/v2/crawl", jobs);

    private static Task<IResult> StatusAsync(HttpContext context, string id, string kind, string route, FirecrawlJobs jobs)
    {
        var cursor = context.Request.Query["cursor"] is { Count: 1 } given ? given[0] : null;
        if (cursor is not null && !JobService.IsValidCursor(cursor))
        {
            return Task.FromResult(FirecrawlAnswers.Error(StatusCodes.Status400BadRequest, "cursor must come from a next URL of an earlier answer."));
        }

        return WithJobAsync(id, async () => await jobs.StatusAsync(id, kind, Caller(context), cursor,
                next => PublicUrl.Of(context, $"{route}/{id}?cursor={Uri.EscapeDataString(next)}")) is { } status
            ? TypedResults.Json(status, FirecrawlJsonContext.Wire.FirecrawlJobStatus)
            : FirecrawlAnswers.JobNotFound());
    }

    private static Task<IResult> CancelBatchAsync(HttpContext context, string id, FirecrawlJobs jobs) => CancelAsync(context, id, JobKinds.Batch, jobs);

    private static Task<IResult> CancelCrawlAsync(HttpContext context, string id, FirecrawlJobs jobs) => CancelAsync(context, id, JobKinds.Spider, jobs);

    private static Task<IResult> CancelAsync(HttpContext context, string id, string kind, FirecrawlJobs jobs) =>
        WithJobAsync(id, async () => await jobs.CancelAsync(id, kind, Caller(context)) is { } cancelled
            ? TypedResults.Json(cancelled, FirecrawlJsonContext.Wire.FirecrawlCancelled)
            : FirecrawlAnswers.JobNotFound());

    private static Task<IResult> BatchErrorsAsync(HttpContext context, string id, FirecrawlJobs jobs) => ErrorsAsync(context, id, JobKinds.Batch, jobs);

    private static Task<IResult> CrawlErrorsAsync(HttpContext context, string id, FirecrawlJobs jobs) => ErrorsAsync(context, id, JobKinds.Spider, jobs);

    private static Task<IResult> ErrorsAsync(HttpContext context, string id, string kind, FirecrawlJobs jobs) =>
        WithJobAsync(id, async () => await jobs.ErrorsAsync(id, kind, Caller(context)) is { } errors
            ? TypedResults.Json(errors, FirecrawlJsonContext.Wire.FirecrawlJobErrors)
            : FirecrawlAnswers.JobNotFound());

    private static Task<IResult> ActiveCrawlsAsync(HttpContext context, FirecrawlJobs jobs) =>
        GuardAsync(async () => TypedResults.Json(await jobs.ActiveAsync(Caller(context)), FirecrawlJsonContext.Wire.FirecrawlActiveCrawls));

    private static async Task<IResult> MapAsync(HttpContext context, FirecrawlMapper mapper, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, FirecrawlJsonContext.Wire.FirecrawlMapRequest, MaxBodyBytes, cancellationToken);
        return body.TryGetValue(out var request, out var problem)
            ? Answer(await mapper.MapAsync(request, cancellationToken), FirecrawlJsonContext.Wire.FirecrawlMapResponse)
            : FirecrawlAnswers.From(problem);
    }

    private static IResult NotOfferedRoute(string rest)
    {
        var feature = rest.Split('/', 2)[0];
        return NotOffered.TryGetValue(feature, out var why)
            ? FirecrawlAnswers.Error(StatusCodes.Status501NotImplemented, $"/v2/{feature} is not offered by RipTide: {why}.")
            : FirecrawlAnswers.Error(StatusCodes.Status404NotFound, $"/v2/{rest} is not a route of RipTide's Firecrawl-compatible API (docs/FIRECRAWL.md).");
    }

    private static IResult Answer<T>(FirecrawlOutcome<T> outcome, JsonTypeInfo<T> json) where T : class =>
        outcome.Value is { } value ? TypedResults.Json(value, json) : FirecrawlAnswers.Error(outcome.Status, outcome.Error ?? "The request failed.");

    private static Task<IResult> WithJobAsync(string id, Func<Task<IResult>> action) =>
        JobService.IsValidId(id) ? GuardAsync(action) : Task.FromResult(FirecrawlAnswers.JobNotFound());

    /// <summary>Redis is the job engine: while it is unreachable the routes answer 503, as the native ones do.</summary>
    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return FirecrawlAnswers.Error(StatusCodes.Status503ServiceUnavailable, "The job store (Redis) is unreachable; retry shortly.");
        }
    }
}
