using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Extraction;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Firecrawl;

namespace RipTide.Api.Firecrawl;

/// <summary>
/// POST /v2/scrape: one URL through RipTide's own pipeline (validation, admission, cache, politeness, fetch,
/// gate, extraction), answered in Firecrawl's shape. A page the site answered with an error status is a
/// scraped page with that <c>statusCode</c>, as in Firecrawl; a page that could not be fetched at all is an
/// error whose status says why.
/// </summary>
public sealed class FirecrawlScraper(
    CrawlRequestValidator validator, CrawlCapacity capacity, CrawlService crawler, ExtractorClient extractor, IOptions<CrawlLimitsOptions> limits)
{
    public async Task<FirecrawlOutcome<FirecrawlScrapeResponse>> ScrapeAsync(FirecrawlScrapeRequest request, string requestId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            return FirecrawlOutcome.Fail<FirecrawlScrapeResponse>(StatusCodes.Status400BadRequest, "url is required.");
        }

        if (!FirecrawlOptionsTranslator.TryTranslate(request, "body", limits.Value.MaxTimeoutMs, out var options, out var formats, out var problem)
            || !validator.TryValidate(new CrawlRequest([request.Url.Trim()], options), out var plan, out problem))
        {
            return FirecrawlOutcome.Fail<FirecrawlScrapeResponse>(StatusCodes.Status400BadRequest, FirecrawlProblems.OfScrape(problem));
        }

        try
        {
            if (plan.Output.Filter is { } filter && await extractor.ValidateFilterAsync(filter, cancellationToken) is { } filterProblem)
            {
                return FirecrawlOutcome.Fail<FirecrawlScrapeResponse>(StatusCodes.Status400BadRequest, FirecrawlProblems.OfScrape(filterProblem));
            }
        }
        catch (HttpRequestException)
        {
            return FirecrawlOutcome.Fail<FirecrawlScrapeResponse>(StatusCodes.Status503ServiceUnavailable, "The extraction service is unavailable to check the selectors; retry shortly.");
        }

        using var admission = capacity.TryAdmit(1);
        if (admission is null)
        {
            return FirecrawlOutcome.Fail<FirecrawlScrapeResponse>(StatusCodes.Status503ServiceUnavailable, "This server is at capacity; retry shortly.");
        }

        using var slot = await capacity.RequestAsync(cancellationToken);
        var result = (await crawler.CrawlAsync(plan, requestId, cancellationToken)).Results[0];
        if (result.Error is { } error && StatusOf(error) is { } status)
        {
            return FirecrawlOutcome.Fail<FirecrawlScrapeResponse>(status, $"Could not scrape {result.Url}: {error.Message}");
        }

        return new FirecrawlScrapeResponse(true, FirecrawlDocuments.From(result, formats));
    }

    /// <summary>The status for a page that has no content; null for an answer of the site's own (a scraped page).</summary>
    private static int? StatusOf(CrawlError error) => error.Type switch
    {
        CrawlErrorTypes.HttpError => null,
        CrawlErrorTypes.InvalidUrl or CrawlErrorTypes.UnsupportedScheme or CrawlErrorTypes.InvalidRedirect => StatusCodes.Status400BadRequest,
        CrawlErrorTypes.BlockedAddress or CrawlErrorTypes.RobotsDisallowed => StatusCodes.Status403Forbidden,
        CrawlErrorTypes.Timeout => StatusCodes.Status408RequestTimeout,
        CrawlErrorTypes.RateLimited => StatusCodes.Status429TooManyRequests,
        CrawlErrorTypes.TooLarge or CrawlErrorTypes.UnsupportedContentType or CrawlErrorTypes.UnsupportedCharset or CrawlErrorTypes.TooComplex
            => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status502BadGateway,
    };
}
