using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Api.Jobs;
using RipTide.Contracts.Errors;
using RipTide.Contracts.Jobs;
using RipTide.Http;

namespace RipTide.Api.Endpoints;

/// <summary>/admin/jobs: every caller's jobs for operators (the dashboard's Jobs page): list, detail with the newest pages, cancel.</summary>
public static class AdminJobEndpoints
{
    private const int NewestPages = 20;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapAdminJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/jobs").WithTags("Admin");
        group.MapGet(string.Empty, ListAsync).WithStrictQuery("limit")
            .WithName("AdminListJobs").WithSummary("Every caller's recent jobs, newest first, at most ?limit= (default 50).")
            .Produces<JobList>().AnswersProblems(StatusCodes.Status400BadRequest, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}", DetailAsync).WithStrictQuery()
            .WithName("AdminJobDetail").WithSummary("Any job's status with its newest pages.")
            .Produces<JobDetail>().AnswersProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{id}", CancelAsync).WithStrictQuery()
            .WithName("AdminCancelJob").WithSummary("Cancels any job.")
            .Produces<JobStatus>().AnswersProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, JobService jobs)
    {
        if (!StrictQuery.TryWholeNumber(context, "limit", 1, MaxLimit, 50, out var limit, out var problem))
        {
            return problem;
        }

        return await JobStoreGuard.RunAsync(context, async () => TypedResults.Ok(await jobs.ListAsync(caller: null, beforeMs: null, limit)));
    }

    private static Task<IResult> DetailAsync(HttpContext context, string id, JobService jobs) =>
        JobStoreGuard.RunAsync(context, async () => JobService.IsValidId(id) && await jobs.DetailAsync(id, NewestPages) is { } detail ? TypedResults.Ok(detail) : (IResult)NotFound(context));

    private static Task<IResult> CancelAsync(HttpContext context, string id, JobService jobs) =>
        JobStoreGuard.RunAsync(context, async () => JobService.IsValidId(id) && await jobs.CancelAsync(id, caller: null) is { } status ? TypedResults.Ok(status) : (IResult)NotFound(context));

    private static ProblemHttpResult NotFound(HttpContext context) =>
        Problems.Create(context, StatusCodes.Status404NotFound, "Not found", ProblemTypes.NotFound, "There is no such job (it may have expired).", retryable: false);
}
