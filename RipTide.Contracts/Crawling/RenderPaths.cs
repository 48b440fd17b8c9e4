namespace RipTide.Contracts.Crawling;

/// <summary>
/// Values of <c>render_path</c>: the path a page actually took, reported next to the gate's decision so
/// that a <c>headless</c> decision served from static HTML (no renderer configured) is visible as such.
/// </summary>
public static class RenderPaths
{
    /// <summary>Extracted from the HTML as fetched.</summary>
    public const string Static = "static";

    /// <summary>Rendered in the browser (the Renderer service), then extracted.</summary>
    public const string Headless = "headless";

    /// <summary>Served from the cache.</summary>
    public const string Cache = "cache";

    /// <summary>Not extracted (<c>extraction: none</c>): the fetched HTML is returned.</summary>
    public const string None = "none";
}
