using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;
using RipTide.Contracts.Extraction;
using RipTide.Documents;

namespace RipTide.Api.Extraction;

/// <summary>The outcome of POST /extract: a document, or the status and error to answer with.</summary>
public sealed record DocumentOutcome(DocumentJson? Document, int Status, string? ErrorType, string? Detail, bool Retryable)
{
    /// <summary>Set when there is no document: the error type and detail to answer with.</summary>
    [MemberNotNullWhen(true, nameof(ErrorType), nameof(Detail))]
    public bool Failed => ErrorType is not null && Detail is not null;
}

/// <summary>
/// POST /extract: one document from supplied HTML, or from a URL fetched through the same guarded
/// fetcher as /crawl, robots.txt and the host's pacing included. Not cached: extraction options and supplied HTML are not part of crawl cache keys.
/// </summary>
public sealed class DocumentExtraction(PoliteFetcher fetcher, ExtractorClient extractor, IOptions<CrawlLimitsOptions> limits, TimeProvider time)
{
    public async Task<DocumentOutcome> ExtractAsync(Uri url, ExtractRequest request, CancellationToken cancellationToken)
    {
        // One deadline for the fetch and the extraction, as for a crawled URL.
        var timeout = TimeSpan.FromMilliseconds(limits.Value.DefaultTimeoutMs);
        using var deadline = new UrlDeadline(timeout, turnWait: null, time, cancellationToken);
        try
        {
            return await ExtractWithinAsync(url, request, deadline);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = FetchErrors.Timeout((int)timeout.TotalMilliseconds);
            return new DocumentOutcome(null, StatusCodes.Status504GatewayTimeout, error.Type, error.Message, error.Retryable);
        }
    }

    private async Task<DocumentOutcome> ExtractWithinAsync(Uri url, ExtractRequest request, UrlDeadline deadline)
    {
        var cancellationToken = deadline.Token;
        PageBody page;
        var finalUrl = url;
        if (request.Html is { } supplied)
        {
            page = PageBody.FromText(supplied);
        }
        else
        {
            var fetched = await fetcher.FetchAsync(url, respectRobots: true, deadline);
            if (!fetched.TryGetBody(out var body, out var error))
            {
                fetched.Dispose();
                return Failure(StatusCodes.Status422UnprocessableEntity, error);
            }

            page = body;
            finalUrl = fetched.FinalUrl ?? url;
        }

        try
        {
            return new DocumentOutcome(await extractor.ExtractAsync(finalUrl, page, deadline.Remaining, cancellationToken, request), StatusCodes.Status200OK, null, null, false);
        }
        catch (ExtractionFailedException failure)
        {
            // The Extractor's 400/413/422/503 mean the same here; anything else is a bad gateway.
            var status = failure.Status is 400 or 413 or 422 or 503 ? failure.Status : StatusCodes.Status502BadGateway;
            var type = status == StatusCodes.Status400BadRequest ? ProblemTypes.ValidationError : failure.ErrorType ?? CrawlErrorTypes.ExtractionError;
            return new DocumentOutcome(null, status, type, failure.Detail ?? "The page could not be extracted.", failure.Retryable);
        }
        catch (System.Text.Json.JsonException)
        {
            return new DocumentOutcome(null, StatusCodes.Status502BadGateway, CrawlErrorTypes.ExtractionError, "The extraction service answered with something other than a document.", true);
        }
        catch (HttpRequestException)
        {
            return new DocumentOutcome(null, StatusCodes.Status503ServiceUnavailable, ProblemTypes.DependencyUnavailable, "The extraction service is unavailable.", true);
        }
        finally
        {
            page.Dispose();
        }
    }

    private static DocumentOutcome Failure(int status, CrawlError error) => new(null, status, error.Type, error.Message, error.Retryable);
}
