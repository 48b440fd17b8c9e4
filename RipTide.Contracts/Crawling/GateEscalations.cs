namespace RipTide.Contracts.Crawling;

/// <summary>Values of <c>gate_escalation</c>: why a page should have been rendered, when it could not be.</summary>
public static class GateEscalations
{
    /// <summary>The gate decided <c>headless</c> (or the client asked for it), and no renderer is configured.</summary>
    public const string HeadlessUnavailable = "headless_unavailable";

    /// <summary><c>probes_first</c> extracted poor content: the page is rendered when a renderer is configured.</summary>
    public const string PoorQuality = "poor_quality";
}
