namespace RipTide.Contracts.Crawling;

/// <summary>The per-URL error <c>type</c> values of the REST contract.</summary>
public static class CrawlErrorTypes
{
    public const string InvalidUrl = "invalid_url";
    public const string BlockedAddress = "blocked_address";
    public const string RobotsDisallowed = "robots_disallowed";
    public const string DnsError = "dns_error";
    public const string ConnectError = "connect_error";
    public const string Timeout = "timeout";
    public const string TooLarge = "too_large";
    public const string TooManyRedirects = "too_many_redirects";
    public const string HttpError = "http_error";
    public const string UnsupportedContentType = "unsupported_content_type";
    public const string ExtractionError = "extraction_error";
    public const string RateLimited = "rate_limited";
}
