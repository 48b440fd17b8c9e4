using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Api.Options;

/// <summary>How pages are fetched, and which networks may be reached despite the SSRF guard.</summary>
public sealed class FetchOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Fetch";

    [Required(AllowEmptyStrings = false)]
    public string UserAgent { get; set; } = "RipTide-Crawler/1.0";

    /// <summary>Sent instead of <see cref="UserAgent"/> when a request asks for the mobile page (sites look for "Mobi").</summary>
    [Required]
    public string MobileUserAgent { get; set; } = "RipTide-Crawler/1.0 (Mobile)";

    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 10L * 1024 * 1024;

    [Range(100, 120_000)]
    public int ConnectTimeoutMs { get; set; } = 10_000;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Open connections across every host; the connector waits for a free one beyond it.</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 100;

    /// <summary>Longest robots.txt read; the rest of a longer file is ignored.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRobotsBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// CIDR ranges exempt from the SSRF guard. Empty in production; Development and tests list loopback
    /// explicitly so that a local test site can be crawled.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];
}
