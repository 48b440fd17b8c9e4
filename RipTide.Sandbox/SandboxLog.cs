using Microsoft.Extensions.Logging;


namespace RipTide.Sandbox;

/// <summary>The sandbox's log messages (source-generated, stable event ids; never page bodies).</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(2001, LogLevel.Warning, "An extraction slot failed ({Kind}) and was replaced")]
    public static partial void SlotReplaced(ILogger logger, ExtractionFailureKind kind, Exception exception);

    [LoggerMessage(2002, LogLevel.Warning, "Guest memory is high: {Bytes} bytes")]
    public static partial void GuestMemoryHigh(ILogger logger, long bytes);

    [LoggerMessage(2003, LogLevel.Critical, "Guest memory is critical: {Bytes} bytes")]
    public static partial void GuestMemoryCritical(ILogger logger, long bytes);

    [LoggerMessage(2004, LogLevel.Error, "The WebAssembly module could not be loaded; extracting with the fallback engine")]
    public static partial void SandboxUnavailable(ILogger logger, Exception exception);
}
