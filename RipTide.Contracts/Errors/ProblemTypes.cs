namespace RipTide.Contracts.Errors;

/// <summary>The <c>error_type</c> values of request-level problem+json responses.</summary>
public static class ProblemTypes
{
    public const string BaseUri = "https://riptide.dev/errors/";
    public const string ValidationError = "validation_error";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string DependencyUnavailable = "dependency_unavailable";
    public const string Overloaded = "overloaded";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
    public const string UriTooLong = "uri_too_long";
    public const string HeadersTooLarge = "headers_too_large";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string Timeout = "timeout";
    public const string InternalError = "internal_error";
}
