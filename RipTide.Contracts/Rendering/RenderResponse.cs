namespace RipTide.Contracts.Rendering;

/// <summary>The page after its scripts ran: the DOM serialised as HTML, where it ended, and what it cost.</summary>
public sealed record RenderResponse(
    string Html,
    string FinalUrl,
    int Status,
    RenderTimings Timings,
    int Requests,
    IReadOnlyList<RefusedRequest> Refused,
    string? ScreenshotPng = null);

/// <summary>Where a render's time went, in milliseconds.</summary>
public sealed record RenderTimings(double QueuedMs, double LoadMs, double SettleMs, double TotalMs);

/// <summary>A request the page made that the Renderer did not let out, and why (see <see cref="RefusalReasons"/>).</summary>
public sealed record RefusedRequest(string Url, string Reason);

/// <summary>Values of <see cref="RefusedRequest.Reason"/>.</summary>
public static class RefusalReasons
{
    /// <summary>The address is internal (loopback, private, link-local, …) and not in the allowed networks.</summary>
    public const string BlockedAddress = "blocked_address";

    /// <summary>Not http or https: a redirect to <c>file:</c>, <c>ftp:</c>, … (WebSockets fail at the browser's dead proxy, unlisted).</summary>
    public const string UnsupportedScheme = "unsupported_scheme";

    /// <summary>An image, media file or font: not needed for the text, blocked by default.</summary>
    public const string ResourceType = "resource_type";

    /// <summary>The page tried to navigate the main frame away, or to open a window.</summary>
    public const string Navigation = "navigation";

    /// <summary>The render's request count or byte budget was spent.</summary>
    public const string Budget = "budget";

    /// <summary>The server could not be reached or answered nothing usable.</summary>
    public const string Failed = "failed";
}
