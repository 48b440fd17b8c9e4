using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>Thresholds of the gate (<c>RipTide:Gate</c>): when a page goes raw, probes first, or needs a renderer.</summary>
public sealed class GateOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Gate";

    /// <summary>Below this much visible text, a page showing client-rendering signs is judged <c>headless</c>.</summary>
    [Range(0, 1_000_000)]
    public int HeadlessMaxTextChars { get; set; } = 400;

    /// <summary>Visible text per markup character below which the page is probed first.</summary>
    [Range(0.0, 1.0)]
    public double ProbeBelowTextRatio { get; set; } = 0.02;

    /// <summary>Inline-script share above which the page is probed first.</summary>
    [Range(0.0, 1.0)]
    public double ProbeAboveScriptDensity { get; set; } = 0.6;

    /// <summary>Fewer paragraphs than this, without article signals, and the page is probed first.</summary>
    [Range(0, 10_000)]
    public int ProbeBelowParagraphs { get; set; } = 2;

    /// <summary>A probed extraction scoring below this quality is recorded as an escalation.</summary>
    [Range(0.0, 1.0)]
    public double MinProbeQuality { get; set; } = 0.3;

    /// <summary>A probed extraction with fewer words than this is recorded as an escalation.</summary>
    [Range(0, 100_000)]
    public int MinProbeWords { get; set; } = 50;
}
