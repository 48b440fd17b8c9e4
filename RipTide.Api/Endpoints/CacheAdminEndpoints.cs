using Microsoft.AspNetCore.Http.HttpResults;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Contracts.Caching;
using RipTide.ServiceDefaults.Http;
using StackExchange.Redis;

namespace RipTide.Api.Endpoints;

/// <summary>/admin/cache: statistics, background warming, invalidation by URL or prefix, popular URLs.</summary>
public static class CacheAdminEndpoints
{
    private const int MaxPopularLimit = 1000;

    public static IEndpointRouteBuilder MapCacheAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/cache").WithTags("Admin");
        group.MapGet("/stats", StatsAsync)
            .WithName("CacheStats")
            .WithSummary("Cluster-wide hit rate, writes, warming traffic, keys and memory of the cache.");
        group.MapPost("/warm", WarmAsync)
            .WithName("CacheWarm")
            .WithSummary("Queues a crawl request (same body as POST /crawl) to be crawled in the background into the cache.");
        group.MapDelete("/", InvalidateAsync)
            .WithName("CacheInvalidate")
            .WithSummary("Removes every cached variant of ?url=…, or of every URL starting with ?prefix=….");
        group.MapGet("/popular", PopularAsync)
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
        var (crawl, problem) = await intake.ReadAsync(context, cancellationToken, servedNow: false);
        if (problem is not null)
        {
            return problem;
        }

        if (crawl!.Plan.CacheMode is not (CacheMode.WriteOnly or CacheMode.ReadWrite))
        {
            crawl.Dispose();
            return Problems.Validation(context, "Warming always writes the cache: options.cache_mode must be omitted, write_only or read_write.");
        }

        if (!warmer.TryEnqueue(crawl))
        {
            crawl.Dispose();
            context.Response.Headers.RetryAfter = "10";
            return Problems.Create(context, StatusCodes.Status503ServiceUnavailable, "Overloaded", "overloaded",
                "The warming queue is full; retry later.", retryable: true);
        }

        return TypedResults.Accepted((string?)null, new CacheWarmAccepted(RequestIds.Get(context), crawl.Plan.Targets.Count, warmer.QueuedRequests));
    }

    private static async Task<Results<Ok<CacheInvalidation>, ProblemHttpResult>> InvalidateAsync(
        HttpContext context, CacheAdmin admin, string? url, string? prefix, CancellationToken cancellationToken)
    {
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

    private static async Task<Results<Ok<PopularUrls>, ProblemHttpResult>> PopularAsync(
        HttpContext context, CacheAdmin admin, int? minutes, int? limit, CancellationToken cancellationToken)
    {
        if (minutes < 1 || minutes > admin.DefaultWindowMinutes || limit is < 1 or > MaxPopularLimit)
        {
            return Problems.Validation(context, $"minutes must be between 1 and {admin.DefaultWindowMinutes} (the popularity window), limit between 1 and {MaxPopularLimit}.");
        }

        try
        {
            return TypedResults.Ok(await admin.PopularAsync(minutes ?? admin.DefaultWindowMinutes, limit ?? 20, cancellationToken));
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
