using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Extraction;
using RipTide.Api.Jobs;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Firecrawl;
using RipTide.Contracts.Jobs;
using StackExchange.Redis;

namespace RipTide.Api.Firecrawl;

/// <summary>
/// Firecrawl's crawls and batches as RipTide jobs: started through the job validator and engine, followed
/// through the job's status and stored results, cancelled as jobs are. Only what Firecrawl's shape needs is
/// kept beside a job: the formats its documents carry.
/// </summary>
public sealed class FirecrawlJobs(
    JobRequestValidator validator,
    JobService jobs,
    ExtractorClient extractor,
    IConnectionMultiplexer redis,
    CrawlRequestValidator crawlValidator,
    IOptions<CrawlLimitsOptions> crawlLimits,
    IOptions<JobOptions> jobOptions,
    IOptions<FirecrawlOptions> options)
{
    private FirecrawlLimits Limits => new(crawlLimits.Value.MaxTimeoutMs, crawlValidator.ServerPerHostConcurrency, crawlLimits.Value.MaxUrlLength);

    public Task<FirecrawlOutcome<FirecrawlJobStarted>> StartCrawlAsync(FirecrawlCrawlRequest crawl, string caller, Func<string, string> statusUrl) =>
        FirecrawlJobRequests.TryCrawl(crawl, Limits, out var plan, out var problem)
            ? StartAsync(plan, caller, statusUrl)
            : Task.FromResult(FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status400BadRequest, problem));

    public Task<FirecrawlOutcome<FirecrawlJobStarted>> StartBatchAsync(FirecrawlBatchRequest batch, string caller, Func<string, string> statusUrl) =>
        FirecrawlJobRequests.TryBatch(batch, Limits, out var plan, out var problem)
            ? StartAsync(plan, caller, statusUrl)
            : Task.FromResult(FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status400BadRequest, problem));

    private async Task<FirecrawlOutcome<FirecrawlJobStarted>> StartAsync(FirecrawlJobPlan plan, string caller, Func<string, string> statusUrl)
    {
        Func<string, string> named = plan.Request.Spider is null ? FirecrawlProblems.OfBatch : FirecrawlProblems.OfCrawl;
        if (!validator.TryValidate(plan.Request, out var spec, out var problem))
        {
            return FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status400BadRequest, named(problem));
        }

        // Checked once here rather than failing every page of the job.
        try
        {
            if (spec.Plan.Output.Filter is { } filter && await extractor.ValidateFilterAsync(filter, CancellationToken.None) is { } filterProblem)
            {
                return FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status400BadRequest, named(filterProblem));
            }
        }
        catch (HttpRequestException)
        {
            return FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status503ServiceUnavailable, "The extraction service is unavailable to check the selectors; retry shortly.");
        }

        var (id, refusal) = await jobs.SubmitAsync(plan.Request, spec, caller);
        if (id is null)
        {
            return refusal == SubmitRefusal.CallerFull
                ? FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status429TooManyRequests,
                    $"You already have {jobOptions.Value.MaxActiveJobsPerCaller} crawls or batches running; wait for one to end or cancel one.")
                : FirecrawlOutcome.Fail<FirecrawlJobStarted>(StatusCodes.Status503ServiceUnavailable, "This server runs as many jobs as it may; retry later.");
        }

        // Expires with the job's other keys once it ends (JobKeys.All); the TTL here covers a job that ends
        // before this write lands.
        await redis.GetDatabase().StringSetAsync(new JobKeys(id).FirecrawlFormats, plan.Formats.Encode(), TimeSpan.FromSeconds(jobOptions.Value.RetentionSeconds));
        return new FirecrawlJobStarted(true, id, statusUrl(id), plan.InvalidUrls.Count > 0 ? plan.InvalidUrls : null);
    }

    /// <summary>A job's status and a page of its documents after <paramref name="cursor"/>; null when there is no such job of the caller's kind.</summary>
    public async Task<FirecrawlJobStatus?> StatusAsync(string id, string kind, string caller, string? cursor, Func<string, string> nextUrl)
    {
        if (await jobs.StatusAsync(id, caller) is not { } status || status.Kind != kind
            || await jobs.ResultsAsync(id, caller, cursor, options.Value.StatusPageSize) is not { } page)
        {
            return null;
        }

        var formats = FirecrawlFormats.Decode(await redis.GetDatabase().StringGetAsync(new JobKeys(id).FirecrawlFormats));
        var documents = page.Results.Select(Parse)
            .Where(result => result.Error is null or { Type: CrawlErrorTypes.HttpError })
            .Select(result => FirecrawlDocuments.From(result, formats))
            .ToList();

        // A full page may have more behind it; a short one is all there is for now (a poll sees what comes later).
        var next = page.Results.Count == options.Value.StatusPageSize ? nextUrl(page.Results[^1].Cursor) : null;
        var counts = status.Counts;
        return new FirecrawlJobStatus(
            true,
            StatusName(status.Status),
            counts.Crawled + counts.Queued,
            counts.Crawled,
            counts.Crawled,
            (status.FinishedAt ?? status.CreatedAt).AddSeconds(jobOptions.Value.RetentionSeconds),
            next,
            documents);
    }

    public async Task<FirecrawlCancelled?> CancelAsync(string id, string kind, string caller) =>
        await jobs.StatusAsync(id, caller) is { } status && status.Kind == kind && await jobs.CancelAsync(id, caller) is { } after
            ? new FirecrawlCancelled(true, StatusName(after.Status))
            : null;

    /// <summary>The pages that failed (robots.txt refusals apart), read through the job's results up to <see cref="FirecrawlOptions.MaxErrorScan"/>.</summary>
    public async Task<FirecrawlJobErrors?> ErrorsAsync(string id, string kind, string caller)
    {
        if (await jobs.StatusAsync(id, caller) is not { } status || status.Kind != kind)
        {
            return null;
        }

        var errors = new List<FirecrawlPageError>();
        var robots = new List<string>();
        string? cursor = null;
        for (var read = 0; read < options.Value.MaxErrorScan;)
        {
            var batch = Math.Min(500, options.Value.MaxErrorScan - read);
            if (await jobs.ResultsAsync(id, caller, cursor, batch) is not { Results.Count: > 0 } page)
            {
                break;
            }

            foreach (var stored in page.Results)
            {
                var result = Parse(stored);
                if (result.Error is { Type: CrawlErrorTypes.RobotsDisallowed })
                {
                    robots.Add(result.Url);
                }
                else if (result.Error is { Type: not CrawlErrorTypes.HttpError } error)
                {
                    errors.Add(new FirecrawlPageError(stored.Cursor, TimeOf(stored.Cursor), result.Url, error.Message));
                }
            }

            read += page.Results.Count;
            cursor = page.Results[^1].Cursor;
            if (page.Results.Count < batch)
            {
                break;
            }
        }

        return new FirecrawlJobErrors(errors, robots);
    }

    /// <summary>The caller's crawls that are queued or running.</summary>
    public async Task<FirecrawlActiveCrawls> ActiveAsync(string caller)
    {
        var list = await jobs.ListAsync(caller, null, 100);
        return new FirecrawlActiveCrawls(true, [.. list.Jobs
            .Where(job => job.Kind == JobKinds.Spider && !JobStatuses.IsFinished(job.Status))
            .Select(job => new FirecrawlActiveCrawl(job.Id, caller, job.Seeds.Count > 0 ? job.Seeds[0] : string.Empty))]);
    }

    private static CrawlResult Parse(StoredResult stored) =>
        JsonSerializer.Deserialize(stored.Json.Span, RipTideJsonContext.Default.CrawlResult)
        ?? throw new InvalidOperationException("A stored result is not a crawl result.");

    /// <summary>A result's cursor is its Redis stream id: the milliseconds it was stored at, then a sequence.</summary>
    private static DateTimeOffset? TimeOf(string cursor) =>
        long.TryParse(cursor.AsSpan(0, Math.Max(0, cursor.IndexOf('-'))), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    /// <summary>Firecrawl's names: a job still at work is "scraping".</summary>
    private static string StatusName(string status) => JobStatuses.IsFinished(status) ? status : "scraping";
}
