namespace RipTide.Contracts.Crawling;

/// <summary>Values of <c>options.render</c>: let the gate decide, or force a path.</summary>
public static class RenderModes
{
    public const string Auto = "auto";
    public const string Static = "static";
    public const string Headless = "headless";

    public static readonly IReadOnlyList<string> All = [Auto, Static, Headless];
}
