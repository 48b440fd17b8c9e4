namespace RipTide.Api.Telemetry;

/// <summary>The Api's log messages, source-generated with stable event ids. URLs are logged; bodies never.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Reading the crawl cache failed; treating it as a miss")]
    public static partial void CacheReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(1002, LogLevel.Warning, "Writing the crawl cache failed; the result is returned uncached")]
    public static partial void CacheWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(1101, LogLevel.Information, "Fetching {Url} failed: {ErrorType}")]
    public static partial void FetchFailed(ILogger logger, Uri url, string errorType);

    [LoggerMessage(1102, LogLevel.Warning, "Extracting {Url} failed")]
    public static partial void ExtractionFailed(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(1103, LogLevel.Error, "Crawling {Url} failed unexpectedly; only its own result is lost")]
    public static partial void UrlFailedUnexpectedly(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(1301, LogLevel.Information, "Cache warming crawled {Succeeded} of {Total} URLs")]
    public static partial void CacheWarmed(ILogger logger, int succeeded, int total);

    [LoggerMessage(1302, LogLevel.Warning, "Cache warming failed")]
    public static partial void CacheWarmingFailed(ILogger logger, Exception exception);

    [LoggerMessage(1401, LogLevel.Information, "Cache server: {Name} = {Value}")]
    public static partial void CacheServerConfigured(ILogger logger, string name, string value);

    [LoggerMessage(1402, LogLevel.Warning, "Cache server refused {Name}: {Reason}")]
    public static partial void CacheServerRefused(ILogger logger, string name, string reason);

    [LoggerMessage(1403, LogLevel.Warning, "Cache server could not be configured; it keeps its own memory policy")]
    public static partial void CacheServerUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(1051, LogLevel.Information, "Rendering {Url} failed: {ErrorType}")]
    public static partial void RenderFailed(ILogger logger, Uri url, string errorType);
}
