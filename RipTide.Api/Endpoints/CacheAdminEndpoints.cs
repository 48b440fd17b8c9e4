using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;
using RipTide.Http;
using RipTide.ServiceDefaults.Http;
using StackExchange.Redis;

namespace RipTide.Api.Endpoints;

/// <summary>/admin/cache: statistics, background warming, invalidation by URL or prefix, popular URLs.</summary>
public static class CacheAdminEndpoints
{
    private const int MaxPopularLimit = 1000;
    private const int DefaultPopularLimit = 20;

    public static IEndpointRouteBuilder MapCacheAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/cache").WithTags("Admin");
        group.MapGet("/stats", StatsAsync)
            .WithStrictQuery()
            .WithName("CacheStats")
            .WithSummary("Cluster-wide hit rate, writes, warming traffic, keys and memory of the cache.");
        group.MapPost("/warm", WarmAsync)
            .WithStrictQuery()
            .WithName("CacheWarm")
            .TakesJson<CrawlRequest>()
            .WithSummary("Queues a crawl request (same body as POST /crawl) to be crawled in the background into the cache.");
        group.MapDelete("/", InvalidateAsync)
            .WithStrictQuery("url", "prefix")
            .WithName("CacheInvalidate")
            .WithSummary("Removes every cached variant of ?url=…, or of every URL starting with ?prefix=….");
        group.MapGet("/popular", PopularAsync)
            .WithStrictQuery("minutes", "limit")
            .WithName("CachePopular")
            .WithSummary("The most requested URLs over ?minutes= (up to and by default the configured window), at most ?limit= (default 20).");
        return app;
    }

    private static async Task<Results<Ok<CacheStats>, ProblemHttpResult>> StatsAsync(HttpContext context, CacheAdmin admin, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await admin.StatsAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is RedisException or RedisCommandException or TimeoutException)
        {
            return CacheDown(context);
        }
    }

    private static async Task<Results<Accepted<CacheWarmAccepted>, ProblemHttpResult>> WarmAsync(
        HttpContext context, CrawlIntake intake, CacheWarmer warmer, CancellationToken cancellationToken)
    {
        if (!(await intake.ReadPlanAsync(context, cancellationToken)).TryGetValue(out var plan, out var problem))
        {
            return problem;
        }

        if (plan.CacheMode is not (CacheMode.WriteOnly or CacheMode.ReadWrite))
        {
            return Problems.Validation(context, "Warming always writes the cache: options.cache_mode must be omitted, write_only or read_write.");
        }

        switch (warmer.TryEnqueue(plan, WarmCaller.Of(context)))
        {
            case WarmQueueing.Full:
                context.Response.Headers.RetryAfter = "10";
                return Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", ProblemTypes.Overloaded,
                    $"The warming queue is full ({warmer.QueuedRequests} requests, {warmer.QueuedUrls} URLs); retry later.", retryable: true);
            case WarmQueueing.CallerLimit:
                context.Response.Headers.RetryAfter = "10";
                return Problems.Create(context, StatusCodes.Status429TooManyRequests, "Too many warm requests", ProblemTypes.RateLimited,
                    "You already have as many warm requests queued as one caller may; retry when they have run.", retryable: true);
            default:
                return TypedResults.Accepted((string?)null, new CacheWarmAccepted(RequestIds.Get(context), plan.Targets.Count, warmer.QueuedRequests));
        }
    }

    private static async Task<Results<Ok<CacheInvalidation>, ProblemHttpResult>> InvalidateAsync(
        HttpContext context, CacheAdmin admin, CancellationToken cancellationToken)
    {
        var url = StrictQuery.Text(context, "url");
        var prefix = StrictQuery.Text(context, "prefix");
        if ((url is null) == (prefix is null))
        {
            return Problems.Validation(context, "Give exactly one of ?url= (one URL) or ?prefix= (every URL starting with it).");
        }

        if (!UrlNormalizer.TryNormalize(url ?? prefix, 8192, out var normalised, out var urlProblem))
        {
            return Problems.Validation(context, $"{(url is null ? "prefix" : "url")} {urlProblem}.");
        }

        // Keys hold the normalised URL, so the prefix is normalised the same way ("…/docs" also covers "…/docs-old").
        var match = normalised.AbsoluteUri;
        try
        {
            return TypedResults.Ok(await admin.InvalidateAsync(match, isPrefix: prefix is not null, cancellationToken));
        }
        catch (Exception ex) when (ex is RedisException or RedisCommandException or TimeoutException)
        {
            return CacheDown(context);
        }
    }

    private static async Task<Results<Ok<PopularUrls>, ProblemHttpResult>> PopularAsync(HttpContext context, CacheAdmin admin, CancellationToken cancellationToken)
    {
        if (!StrictQuery.TryWholeNumber(context, "minutes", 1, admin.DefaultWindowMinutes, admin.DefaultWindowMinutes, out var minutes, out var problem)
            || !StrictQuery.TryWholeNumber(context, "limit", 1, MaxPopularLimit, DefaultPopularLimit, out var limit, out problem))
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(await admin.PopularAsync(minutes, limit, cancellationToken));
        }
        catch (Exception ex) when (ex is RedisException or RedisCommandException or TimeoutException)
        {
            return CacheDown(context);
        }
    }

    private static ProblemHttpResult CacheDown(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problems.DependencyUnavailable(context, "The cache is unreachable.");
    }
}
