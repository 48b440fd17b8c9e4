namespace RipTide.Contracts.Crawling;

/// <summary>Values of <c>type</c> in POST /crawl/stream lines (and SSE event names).</summary>
public static class CrawlStreamEventTypes
{
    public const string Start = "start";
    public const string Result = "result";
    public const string Heartbeat = "heartbeat";
    public const string Summary = "summary";
}

/// <summary>First line of a stream.</summary>
public sealed record CrawlStreamStart(string Type, string RequestId, string? SessionId, int TotalUrls);

/// <summary>One finished URL, in completion order; <see cref="Index"/> is its position in the request.</summary>
public sealed record CrawlStreamResult(string Type, int Index, CrawlResult Result, CrawlStreamProgress Progress);

public sealed record CrawlStreamProgress(int Completed, int Total);

/// <summary>Keeps an idle stream (and every proxy on the way) from timing out.</summary>
public sealed record CrawlStreamHeartbeat(string Type);

/// <summary>Last line of a stream: the same counts and statistics as POST /crawl.</summary>
public sealed record CrawlStreamSummary(string Type, int TotalUrls, int Successful, int Failed, int FromCache, CrawlStatistics Statistics);
