using Microsoft.Extensions.Options;
using RipTide.Api.Extraction;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;
using RipTide.Http;

namespace RipTide.Api.Crawling;

/// <summary>An admitted client crawl: its plan, its admission and its request slot, given back when it ends.</summary>
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
/// cache warmer: strict body reading, validation and the css_schema check; for client crawls also admission
/// under the process's pipeline buffer (503 with Retry-After when it is full) and a request slot. Warm
/// requests are not admitted here: the warmer has a budget of its own, so warming can never refuse a client.
/// </summary>
public sealed class CrawlIntake(
    CrawlRequestValidator validator,
    ExtractorClient extractor,
    CrawlCapacity capacity,
    IOptions<CrawlLimitsOptions> limits)
{
    /// <summary>Reads, admits and (waiting for one of the profile's request slots) starts a client crawl.</summary>
    public async Task<Checked<AdmittedCrawl>> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!(await ReadPlanAsync(context, cancellationToken)).TryGetValue(out var plan, out var problem))
        {
            return problem;
        }

        if (capacity.TryAdmit(plan.Targets.Count) is not { } admission)
        {
            context.Response.Headers.RetryAfter = "2";
            return Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", ProblemTypes.Overloaded,
                $"This replica already has {capacity.Admitted} URLs in progress (limit {capacity.Profile.PipelineBuffer}); retry shortly.", retryable: true);
        }

        var crawl = new AdmittedCrawl(plan, admission);
        try
        {
            return crawl with { RequestSlot = await capacity.RequestAsync(cancellationToken) };
        }
        catch
        {
            crawl.Dispose();
            throw;
        }
    }

    /// <summary>Reads and checks a crawl request into a plan, admitting nothing.</summary>
    public async Task<Checked<CrawlPlan>> ReadPlanAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(context, RipTideJsonContext.Default.CrawlRequest, limits.Value.MaxRequestBytes, cancellationToken);
        if (!body.TryGetValue(out var request, out var bodyProblem))
        {
            return bodyProblem;
        }

        if (!validator.TryValidate(request, out var plan, out var detail))
        {
            return Problems.Validation(context, detail);
        }

        try
        {
            if (plan.Output.CssSchema is { } schema && await extractor.ValidateSchemaAsync(schema, cancellationToken) is { } schemaProblem)
            {
                return Problems.Validation(context, $"options.{schemaProblem}");
            }

            if (plan.Output.Filter is { } filter && await extractor.ValidateFilterAsync(filter, cancellationToken) is { } filterProblem)
            {
                return Problems.Validation(context, filterProblem);
            }
        }
        catch (HttpRequestException)
        {
            context.Response.Headers.RetryAfter = "5";
            return Problems.DependencyUnavailable(context, "The extraction service is unavailable to check css_schema and selectors.");
        }

        // The gateway passes this header only from a caller with an admin key (InternalHeadersMiddleware).
        return plan with { Warming = string.Equals(context.Request.Headers[CrawlHeaders.CacheWarming], "true", StringComparison.OrdinalIgnoreCase) };
    }
}
