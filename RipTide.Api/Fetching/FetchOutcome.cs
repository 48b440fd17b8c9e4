using System.Diagnostics.CodeAnalysis;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Fetching;

/// <summary>
/// The result of fetching one URL: the page, or the per-URL error with what is known of the response.
/// Disposing it gives the page's pooled buffer back (<see cref="PageBody"/>).
/// </summary>
public sealed record FetchOutcome(
    Uri? FinalUrl,
    int Status,
    string? ContentType,
    PageBody? Body,
    long BytesFetched,
    CrawlError? Error) : IDisposable
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The page when the fetch succeeded; otherwise the error. Exactly one of the two is set.</summary>
    public bool TryGetBody([NotNullWhen(true)] out PageBody? body, [NotNullWhen(false)] out CrawlError? error)
    {
        if (Error is { } failed)
        {
            (body, error) = (null, failed);
            return false;
        }

        body = Body ?? throw new InvalidOperationException("A successful fetch has a body.");
        error = null;
        return true;
    }

    /// <summary>The server's <c>Retry-After</c> on a 429 or 503, as a delay from now.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Upstream <c>Cache-Control: max-age</c>, a hint for the cache's TTL strategy.</summary>
    public TimeSpan? MaxAge { get; init; }

    public static FetchOutcome Page(Uri finalUrl, int status, string? contentType, PageBody body, long bytes) =>
        new(finalUrl, status, contentType, body, bytes, null);

    public static FetchOutcome Failure(CrawlError error, Uri? finalUrl = null, int status = 0, string? contentType = null, long bytes = 0) =>
        new(finalUrl, status, contentType, null, bytes, error);

    public void Dispose() => Body?.Dispose();
}
