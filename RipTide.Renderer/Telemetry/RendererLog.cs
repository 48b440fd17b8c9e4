namespace RipTide.Renderer.Telemetry;

/// <summary>The Renderer's log messages (source-generated, stable event ids 4xxx; never page bodies).</summary>
internal static partial class RendererLog
{
    [LoggerMessage(4001, LogLevel.Information, "Browser launched: Chromium {Version} ({Marker})")]
    public static partial void BrowserLaunched(ILogger logger, string version, string marker);

    [LoggerMessage(4002, LogLevel.Warning, "Browser {Marker} ended without being asked to; {InFlight} renders in flight fail")]
    public static partial void BrowserCrashed(ILogger logger, string marker, int inFlight);

    [LoggerMessage(4003, LogLevel.Information, "Browser {Marker} retired after {Renders} renders at {ResidentMb} MB resident")]
    public static partial void BrowserRecycled(ILogger logger, string marker, int renders, long residentMb);

    [LoggerMessage(4004, LogLevel.Warning, "Browser {Marker} did not close cleanly; its processes were killed")]
    public static partial void BrowserCloseFailed(ILogger logger, string marker, Exception exception);

    [LoggerMessage(4005, LogLevel.Information, "Render of {Url} failed: {ErrorType}")]
    public static partial void RenderFailed(ILogger logger, string url, string errorType, Exception exception);

    [LoggerMessage(4006, LogLevel.Information, "A rendered page's request was refused ({Reason}): {Url}")]
    public static partial void RequestRefused(ILogger logger, string url, string reason);

    [LoggerMessage(4007, LogLevel.Information, "Renderer: {Renders} pages at once over {Browsers} browser(s), Chromium at {Path}{Sandbox}")]
    public static partial void Started(ILogger logger, int renders, int browsers, string path, string sandbox);

    [LoggerMessage(4008, LogLevel.Error, "The first browser could not be launched; renders will try again")]
    public static partial void WarmupFailed(ILogger logger, Exception exception);
}
