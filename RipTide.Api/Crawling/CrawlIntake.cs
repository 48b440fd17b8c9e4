using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RipTide.Api.Extraction;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Crawling;

/// <summary>An admitted crawl: its plan, its admission and (for a client request) its request slot, given back when it ends.</summary>
public sealed record AdmittedCrawl(CrawlPlan Plan, CrawlCapacity.Admission Admission, CrawlCapacity.Slot? RequestSlot = null) : IDisposable
{
    public void Dispose()
    {
        RequestSlot?.Dispose();
        Admission.Dispose();
    }
}

/// <summary>
/// Everything between a crawl request's bytes and a runnable plan, shared by /crawl, /crawl/stream and the
/// cache warmer: strict body reading, validation, the css_schema check, and admission under the process's
/// pipeline buffer (503 with Retry-After when it is full).
/// </summary>
public sealed class CrawlIntake(
    CrawlRequestValidator validator,
    ExtractorClient extractor,
    CrawlCapacity capacity,
    IOptions<CrawlLimitsOptions> limits)
{
    public const string WarmingHeader = "X-Cache-Warming";

    /// <summary>
    /// Reads and admits a crawl request. A client request (<paramref name="servedNow"/>) then waits for one of
    /// the profile's request slots; a queued warm request does not hold one.
    /// </summary>
    public async Task<(AdmittedCrawl? Crawl, ProblemHttpResult? Problem)> ReadAsync(HttpContext context, CancellationToken cancellationToken, bool servedNow = true)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.CrawlRequest, limits.Value.MaxRequestBytes, cancellationToken);
        if (body.Problem is { } bodyProblem)
        {
            return (null, bodyProblem);
        }

        var (crawl, problem) = await PlanAsync(context, body.Value!, cancellationToken);
        if (crawl is null || !servedNow)
        {
            return (crawl, problem);
        }

        try
        {
            return (crawl with { RequestSlot = await capacity.RequestAsync(cancellationToken) }, null);
        }
        catch
        {
            crawl.Dispose();
            throw;
        }
    }

    public async Task<(AdmittedCrawl? Crawl, ProblemHttpResult? Problem)> PlanAsync(HttpContext context, CrawlRequest request, CancellationToken cancellationToken)
    {
        if (!validator.TryValidate(request, out var plan, out var detail))
        {
            return (null, Problems.Validation(context, detail));
        }

        if (plan.Output.CssSchema is { } schema)
        {
            try
            {
                if (await extractor.ValidateSchemaAsync(schema, cancellationToken) is { } schemaProblem)
                {
                    return (null, Problems.Validation(context, $"options.{schemaProblem}"));
                }
            }
            catch (HttpRequestException)
            {
                context.Response.Headers.RetryAfter = "5";
                return (null, Problems.DependencyUnavailable(context, "The extraction service is unavailable to check css_schema."));
            }
        }

        plan = plan with { Warming = string.Equals(context.Request.Headers[WarmingHeader], "true", StringComparison.OrdinalIgnoreCase) };
        if (capacity.TryAdmit(plan.Targets.Count) is not { } admission)
        {
            context.Response.Headers.RetryAfter = "2";
            return (null, Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", ProblemTypes.Overloaded,
                $"This replica already has {capacity.Admitted} URLs in progress (limit {capacity.Profile.PipelineBuffer}); retry shortly.", retryable: true));
        }

        return (new AdmittedCrawl(plan, admission), null);
    }
}
