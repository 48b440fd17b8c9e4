using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RipTide.Api.Jobs;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;
using RipTide.Contracts.Jobs;
using RipTide.Http;

namespace RipTide.Api.Endpoints;

/// <summary>/jobs: submit a crawl job, follow it (status, results by cursor, a resumable stream), list and cancel.</summary>
public static class JobEndpoints
{
    private const int DefaultResultsLimit = 100;
    private const int DefaultListLimit = 20;
    private const int MaxListLimit = 100;

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/jobs").WithTags("Jobs");
        group.MapPost(string.Empty, SubmitAsync).WithStrictQuery()
            .WithName("SubmitJob").WithSummary("Starts a crawl job: a batch of URLs, or a spider that follows links and sitemaps from its seeds.")
            .TakesJson<JobRequest>()
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .AnswersProblems(StatusCodes.Status429TooManyRequests, StatusCodes.Status501NotImplemented, StatusCodes.Status503ServiceUnavailable);
        group.MapGet(string.Empty, ListAsync).WithStrictQuery("cursor", "limit")
            .WithName("ListJobs").WithSummary("The caller's recent jobs, newest first, paged with ?cursor=.")
            .Produces<JobList>().AnswersProblems(StatusCodes.Status400BadRequest, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}", StatusAsync).WithStrictQuery()
            .WithName("JobStatus").WithSummary("A job's status, counts, skip reasons, timings and webhook deliveries.")
            .Produces<JobStatus>().AnswersProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/results", ResultsAsync).WithStrictQuery("cursor", "limit")
            .WithName("JobResults").WithSummary("A job's results in the order they were stored, after ?cursor=, at most ?limit=.")
            .Produces<JobResultsPage>().AnswersProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/stream", StreamAsync).WithStrictQuery("cursor")
            .WithName("JobStream").WithSummary("A job's results as NDJSON or SSE, from the start or after Last-Event-ID / ?cursor=, live until it ends.")
            .WithDescription("Lines: a `result` per stored result (JobStreamResult), `heartbeat`s while idle, and a last `end` (JobStreamEnd) once the job has ended.")
            .Produces<JobStreamResult>(StatusCodes.Status200OK, "application/x-ndjson", "text/event-stream")
            .AnswersProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{id}", CancelAsync).WithStrictQuery()
            .WithName("CancelJob").WithSummary("Cancels a job: every Api copy stops its pages.")
            .Produces<JobStatus>().AnswersProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static string Caller(HttpContext context) => context.Request.Headers[CrawlHeaders.Caller] is { Count: 1 } caller ? caller[0]! : "local";

    private static async Task<IResult> SubmitAsync(
        HttpContext context, JobRequestValidator validator, JobService jobs, IOptions<JobOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.JobRequest, options.Value.MaxRequestBytes, cancellationToken);
        if (!body.TryGetValue(out var request, out var bodyProblem))
        {
            return bodyProblem;
        }

        if (!validator.TryValidate(request, out var spec, out var detail))
        {
            return Problems.Validation(context, detail);
        }

        return await JobStoreGuard.RunAsync(context, async () =>
        {
            var (id, refusal) = await jobs.SubmitAsync(request, spec, Caller(context));
            if (id is null)
            {
                context.Response.Headers.RetryAfter = "30";
                return refusal == SubmitRefusal.CallerFull
                    ? Problems.Create(context, StatusCodes.Status429TooManyRequests, "Too many jobs", ProblemTypes.RateLimited,
                        $"You already have {options.Value.MaxActiveJobsPerCaller} jobs queued or running; wait for one to end or cancel one.", retryable: true)
                    : Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", ProblemTypes.Overloaded,
                        $"The system already runs {options.Value.MaxActiveJobs} jobs; retry later.", retryable: true);
            }

            var accepted = new JobAccepted(id, JobStatuses.Queued, $"/jobs/{id}", $"/jobs/{id}/results", $"/jobs/{id}/stream");
            return TypedResults.Accepted(accepted.StatusUrl, accepted);
        });
    }

    private static Task<IResult> ListAsync(HttpContext context, JobService jobs)
    {
        if (!StrictQuery.TryWholeNumber(context, "limit", 1, MaxListLimit, DefaultListLimit, out var limit, out var problem))
        {
            return Task.FromResult<IResult>(problem);
        }

        long? before = null;
        if (StrictQuery.Text(context, "cursor") is { } cursor)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return Task.FromResult<IResult>(Problems.Validation(context, "cursor must be a next_cursor of an earlier answer."));
            }

            before = ms;
        }

        return JobStoreGuard.RunAsync(context, async () => TypedResults.Ok(await jobs.ListAsync(Caller(context), before, limit)));
    }

    private static Task<IResult> StatusAsync(HttpContext context, string id, JobService jobs) =>
        WithJobAsync(context, id, async () => await jobs.StatusAsync(id, Caller(context)) is { } status ? TypedResults.Ok(status) : NotFound(context));

    private static Task<IResult> CancelAsync(HttpContext context, string id, JobService jobs) =>
        WithJobAsync(context, id, async () => await jobs.CancelAsync(id, Caller(context)) is { } status ? TypedResults.Ok(status) : NotFound(context));

    private static Task<IResult> ResultsAsync(HttpContext context, string id, JobService jobs, IOptions<JobOptions> options)
    {
        if (!StrictQuery.TryWholeNumber(context, "limit", 1, options.Value.MaxResultsPerPage, Math.Min(DefaultResultsLimit, options.Value.MaxResultsPerPage), out var limit, out var problem))
        {
            return Task.FromResult<IResult>(problem);
        }

        var cursor = StrictQuery.Text(context, "cursor");
        if (cursor is not null && !JobService.IsValidCursor(cursor))
        {
            return Task.FromResult<IResult>(Problems.Validation(context, "cursor must be a next_cursor of an earlier answer."));
        }

        return WithJobAsync(context, id, async () =>
        {
            if (await jobs.ResultsAsync(id, Caller(context), cursor, limit) is not { } page)
            {
                return NotFound(context);
            }

            // The next cursor is the last result's; null only once the job has ended and nothing more can come.
            var last = page.Results.Count > 0 ? page.Results[^1].Cursor : cursor;
            var next = page.Results.Count < limit && JobStatuses.IsFinished(page.Status) ? null : last ?? "0-0";
            return TypedResults.Bytes(ResultsBody(page.Results, next, page.Status), "application/json");
        });
    }

    private static async Task<IResult> StreamAsync(HttpContext context, string id, JobService jobs, JobStreamService streamer, CancellationToken cancellationToken)
    {
        var cursor = StrictQuery.Text(context, "cursor") ?? (context.Request.Headers["Last-Event-ID"] is { Count: 1 } last ? last[0] : null);
        if (cursor is not null && !JobService.IsValidCursor(cursor))
        {
            return Problems.Validation(context, "The cursor (Last-Event-ID or ?cursor=) must be an id of an earlier result.");
        }

        var found = await WithJobAsync(context, id, async () => await jobs.FindAsync(id, Caller(context)) is null ? NotFound(context) : TypedResults.Empty);
        if (found is not EmptyHttpResult)
        {
            return found;
        }

        await streamer.StreamAsync(context, new JobKeys(id), cursor, cancellationToken);
        return TypedResults.Empty;
    }

    private static byte[] ResultsBody(IReadOnlyList<StoredResult> results, string? next, string status)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", status);
            writer.WriteStartArray("results");
            foreach (var result in results)
            {
                writer.WriteRawValue(result.Json.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("next_cursor", next);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static Task<IResult> WithJobAsync(HttpContext context, string id, Func<Task<IResult>> action) =>
        JobService.IsValidId(id) ? JobStoreGuard.RunAsync(context, action) : Task.FromResult<IResult>(NotFound(context));

    private static ProblemHttpResult NotFound(HttpContext context) =>
        Problems.Create(context, StatusCodes.Status404NotFound, "Not found", ProblemTypes.NotFound,
            "There is no such job of yours (it may have expired).", retryable: false);
}
