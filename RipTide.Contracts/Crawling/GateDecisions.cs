namespace RipTide.Contracts.Crawling;

/// <summary>Values of <c>gate_decision</c>: how a page was (or was not) processed.</summary>
public static class GateDecisions
{
    public const string Raw = "raw";
    public const string ProbesFirst = "probes_first";
    public const string Headless = "headless";
    public const string Cached = "cached";
    public const string Skipped = "skipped";
}
