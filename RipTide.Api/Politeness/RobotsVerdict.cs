using System.Diagnostics.CodeAnalysis;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Politeness;

/// <summary>
/// What robots.txt says about one URL: allowed (with the host's Crawl-delay), or the error that refuses it
/// (disallowed, or robots.txt could not be read).
/// </summary>
public sealed record RobotsVerdict(TimeSpan? CrawlDelay, CrawlError? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Allowed => Error is null;
}
