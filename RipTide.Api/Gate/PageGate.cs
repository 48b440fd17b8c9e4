using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Gate;

/// <summary>
/// Decides per page how to process it: <c>raw</c> (extract the HTML as fetched), <c>probes_first</c>
/// (extract, then judge the quality), or <c>headless</c> (the content is built by script). The client's
/// <c>render</c> option can force a path; <c>auto</c> lets the features decide.
/// </summary>
public sealed class PageGate(IOptions<GateOptions> options)
{
    public string Decide(GateFeatures features, string render)
    {
        if (render == RenderModes.Static)
        {
            return GateDecisions.Raw;
        }

        if (render == RenderModes.Headless)
        {
            return GateDecisions.Headless;
        }

        var o = options.Value;
        var clientRendered = features.HasEmptyAppRoot || features.NoscriptAsksForJavaScript || features.HasFrameworkMarker;
        if (clientRendered && features.VisibleTextChars < o.HeadlessMaxTextChars)
        {
            return GateDecisions.Headless;
        }

        var thin = features.ParagraphCount < o.ProbeBelowParagraphs && !features.HasArticleSignals;
        return clientRendered || thin || features.TextRatio < o.ProbeBelowTextRatio || features.ScriptDensity > o.ProbeAboveScriptDensity
            ? GateDecisions.ProbesFirst
            : GateDecisions.Raw;
    }

    /// <summary>
    /// Why this statically extracted page would go on to a renderer, or null when the static extraction stands:
    /// a poor probe; and a <c>headless</c> page when no renderer runs (with one, such a page is rendered first).
    /// </summary>
    public string? Escalation(string decision, double qualityScore, int wordCount, bool rendererAvailable = false)
    {
        var o = options.Value;
        return decision switch
        {
            GateDecisions.Headless when !rendererAvailable => GateEscalations.HeadlessUnavailable,
            GateDecisions.ProbesFirst when qualityScore < o.MinProbeQuality || wordCount < o.MinProbeWords => GateEscalations.PoorQuality,
            _ => null,
        };
    }
}
