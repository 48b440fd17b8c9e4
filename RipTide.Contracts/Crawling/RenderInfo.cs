using RipTide.Contracts.Rendering;

namespace RipTide.Contracts.Crawling;

/// <summary>
/// The <c>render</c> object of a result whose page went through the browser: why (<see cref="RenderReasons"/>),
/// how long it took, how many requests the page made, which of them were refused, and the screenshot when
/// asked for (a base64 PNG).
/// </summary>
public sealed record RenderInfo(string Reason, double RenderMs, int Requests, IReadOnlyList<RefusedRequest> Refused, string? Screenshot = null);

/// <summary>Values of <see cref="RenderInfo.Reason"/>.</summary>
public static class RenderReasons
{
    /// <summary><c>render: headless</c> (or a screenshot) was asked for.</summary>
    public const string Requested = "requested";

    /// <summary>The gate judged the page built by script (an empty app root, a framework marker, little text).</summary>
    public const string ScriptBuilt = "script_built";

    /// <summary><c>probes_first</c> extracted too little from the static HTML.</summary>
    public const string PoorQuality = "poor_quality";
}
