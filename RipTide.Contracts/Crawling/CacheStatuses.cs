namespace RipTide.Contracts.Crawling;

/// <summary>Values of <c>cache_status</c> in a crawl result.</summary>
public static class CacheStatuses
{
    public const string Hit = "hit";
    public const string Miss = "miss";
    public const string Bypass = "bypass";
    public const string WriteOnly = "write_only";

    /// <summary>The cache could not be reached; the page was crawled uncached.</summary>
    public const string Unavailable = "unavailable";
}
