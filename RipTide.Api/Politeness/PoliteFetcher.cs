using Microsoft.Extensions.Options;
using RipTide.Api.Fetching;
using RipTide.Api.Options;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Politeness;

/// <summary>
/// Fetches a page the way a good citizen does: robots.txt first (when asked to respect it), the host's
/// turn under the throttle, and on 429/503 the server's Retry-After (or a doubling back-off), retried
/// within the URL's deadline. When the wait would pass the deadline, the URL fails as <c>rate_limited</c>.
/// </summary>
public sealed class PoliteFetcher(
    PageFetcher fetcher,
    RobotsCache robots,
    HostThrottle throttle,
    IOptions<PolitenessOptions> options,
    ApiMetrics metrics,
    TimeProvider time)
{
    public async Task<FetchOutcome> FetchAsync(
        Uri url, bool respectRobots, UrlDeadline deadline, RequestHeaders? headers = null, bool mobile = false, TimeSpan minDelay = default)
    {
        var cancellationToken = deadline.Token;
        var o = options.Value;
        // A request's own delay adds to the host's pacing; robots.txt's Crawl-delay may ask for more, never less.
        TimeSpan? crawlDelay = minDelay > TimeSpan.Zero ? minDelay : null;
        if (respectRobots)
        {
            var verdict = await robots.CheckAsync(url, cancellationToken);
            if (!verdict.Allowed)
            {
                metrics.RecordRobotsRefusal();
                return FetchOutcome.Failure(verdict.Error);
            }

            crawlDelay = verdict.CrawlDelay is { } robotsDelay && robotsDelay > minDelay ? robotsDelay : crawlDelay;
        }

        for (var attempt = 0; ; attempt++)
        {
            deadline.AwaitingTurn();
            using var lease = await throttle.AcquireAsync(url, crawlDelay, deadline.TurnBy, cancellationToken, deadline.FromTurn ? deadline.Timeout : null);
            if (lease is null)
            {
                return FetchOutcome.Failure(RateLimited("The host's pacing (Crawl-delay, Retry-After or its concurrency limit) leaves no turn before the deadline."));
            }

            deadline.TurnTaken();
            var remaining = deadline.Remaining;
            var fetched = await fetcher.TryFetchAsync(url, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), cancellationToken, headers, mobile);
            if (fetched.Status is not (429 or 503))
            {
                return fetched;
            }

            var wait = fetched.RetryAfter ?? TimeSpan.FromMilliseconds(o.RetryBackoffMs * Math.Pow(2, attempt));
            if (wait > TimeSpan.FromSeconds(o.MaxRetryAfterSeconds))
            {
                wait = TimeSpan.FromSeconds(o.MaxRetryAfterSeconds);
            }

            throttle.Defer(url, wait);
            metrics.RecordBackoff();
            if (attempt >= o.MaxRetries)
            {
                return fetched;
            }

            if (time.GetUtcNow() + wait > deadline.TurnBy)
            {
                return fetched with { Error = RateLimited($"The server answered {fetched.Status} and asked to wait {wait.TotalSeconds:0.#} s, beyond the deadline.") };
            }
        }
    }

    private static CrawlError RateLimited(string message) => new(CrawlErrorTypes.RateLimited, message, Retryable: true);
}
