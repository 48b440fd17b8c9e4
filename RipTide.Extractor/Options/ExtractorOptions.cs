using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Extractor.Options;

/// <summary>Limits of the extraction service.</summary>
public sealed class ExtractorOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Extractor";

    /// <summary>Largest accepted /extract body (the HTML travels inside it).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxHtmlBytes { get; set; } = 16L * 1024 * 1024;
}
