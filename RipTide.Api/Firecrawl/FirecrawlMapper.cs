using Microsoft.Extensions.Options;
using RipTide.Api.Jobs;
using RipTide.Api.Options;
using RipTide.Contracts.Firecrawl;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Firecrawl;

/// <summary>
/// POST /v2/map over RipTide's /map: the site's URLs from its sitemaps and start page. Firecrawl's
/// <c>ignoreQueryParameters</c> (its default) folds URLs that differ only in their query into one.
/// </summary>
public sealed class FirecrawlMapper(SiteMapper mapper, IOptions<JobOptions> jobOptions)
{
    public async Task<FirecrawlOutcome<FirecrawlMapResponse>> MapAsync(FirecrawlMapRequest request, CancellationToken cancellationToken)
    {
        if (!FirecrawlOptionsTranslator.TryCheckOthers(request.Other, "body", out var problem))
        {
            return FirecrawlOutcome.Fail<FirecrawlMapResponse>(StatusCodes.Status400BadRequest, problem);
        }

        if (request.Limit is < 1 || request.Timeout is <= 0)
        {
            return FirecrawlOutcome.Fail<FirecrawlMapResponse>(StatusCodes.Status400BadRequest,
                request.Limit is < 1 ? "limit must be at least 1." : "timeout must be a positive number of milliseconds.");
        }

        // Firecrawl's limit is a cap: above this server's it is met by this server's.
        var limit = request.Limit is { } l ? Math.Min(l, jobOptions.Value.MaxMapLinks) : (int?)null;
        var native = new MapRequest(request.Url?.Trim(), limit, request.Sitemap, request.Search, request.IncludeSubdomains);
        if (!mapper.TryPlan(native, out var plan, out problem))
        {
            return FirecrawlOutcome.Fail<FirecrawlMapResponse>(StatusCodes.Status400BadRequest, problem.Replace("include_subdomains", "includeSubdomains", StringComparison.Ordinal));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Timeout is { } ms)
        {
            timeout.CancelAfter(ms);
        }

        MapResponse map;
        try
        {
            map = await mapper.MapAsync(plan, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FirecrawlOutcome.Fail<FirecrawlMapResponse>(StatusCodes.Status408RequestTimeout, $"Mapping {plan.Url} took longer than timeout ({request.Timeout} ms).");
        }

        var links = request.IgnoreQueryParameters != false
            ? map.Links.Select(link => Uri.TryCreate(link, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Path) : link).Distinct(StringComparer.Ordinal)
            : map.Links;
        return new FirecrawlMapResponse(true, [.. links.Select(link => new FirecrawlLink(link))]);
    }
}
