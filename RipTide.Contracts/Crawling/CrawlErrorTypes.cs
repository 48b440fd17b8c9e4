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

    /// <summary>A redirect to a scheme other than http or https (file:, data:, ftp:, a UNC path, …); never followed.</summary>
    public const string UnsupportedScheme = "unsupported_scheme";

    /// <summary>A redirect whose Location is not a URL at all.</summary>
    public const string InvalidRedirect = "invalid_redirect";

    /// <summary>The page declares an encoding that cannot be decoded safely (the WHATWG "replacement" encodings).</summary>
    public const string UnsupportedCharset = "unsupported_charset";

    /// <summary>The page nests elements deeper than the extractor parses (refused early instead of parsed in quadratic time).</summary>
    public const string TooComplex = "too_complex";

    /// <summary>The page needed the browser and rendering it failed (the browser crashed, or the renderer is busy); retryable.</summary>
    public const string RenderFailed = "render_failed";

    /// <summary>Something failed that no page should be able to cause: a bug, reported for this URL alone.</summary>
    public const string InternalError = "internal_error";
}
