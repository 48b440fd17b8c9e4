using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;

namespace RipTide.Api.Politeness;

/// <summary>
/// Whether a crawl's requests to a URL's host are spaced in time (a Crawl-delay in its robots.txt, the crawl's own
/// <c>delay_ms</c>, or the server's per-host delay): such a host takes one request at a time, however many of the
/// crawl's pages for it are in flight, and the others wait for their turns.
/// </summary>
public sealed class PacedHosts(RobotsCache robots, IOptions<PolitenessOptions> options)
{
    public async ValueTask<bool> IsPacedAsync(Uri url, CrawlPlan plan, CancellationToken cancellationToken)
    {
        if (plan.MinDelay > TimeSpan.Zero || options.Value.PerHostDelayMs > 0)
        {
            return true;
        }

        // robots.txt is read once per host and kept (RobotsCache); the fetch would read it first anyway.
        return plan.RespectRobots && (await robots.CheckAsync(url, cancellationToken)).CrawlDelay is { } delay && delay > TimeSpan.Zero;
    }
}
