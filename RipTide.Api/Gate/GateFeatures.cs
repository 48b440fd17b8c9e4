namespace RipTide.Api.Gate;

/// <summary>Cheap features of a raw page, measured without parsing it into a tree.</summary>
public sealed record GateFeatures(
    int HtmlChars,
    int VisibleTextChars,
    int ScriptCount,
    int ScriptChars,
    int ParagraphCount,
    bool HasFrameworkMarker,
    bool HasEmptyAppRoot,
    bool NoscriptAsksForJavaScript,
    bool HasArticleSignals)
{
    /// <summary>Visible text per character of markup: low on script-built pages, high on articles.</summary>
    public double TextRatio => HtmlChars == 0 ? 0 : VisibleTextChars / (double)HtmlChars;

    /// <summary>Share of the page that is inline script.</summary>
    public double ScriptDensity => HtmlChars == 0 ? 0 : ScriptChars / (double)HtmlChars;
}
