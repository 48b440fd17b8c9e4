using System.ComponentModel.DataAnnotations;
using RipTide.ServiceDefaults.Options;

namespace RipTide.Renderer.Options;

/// <summary><c>RipTide:Renderer</c>: the browsers, and the bounds of every render.</summary>
public sealed class RendererOptions : ISectionOptions
{
    public static string SectionName => "RipTide:Renderer";

    /// <summary>Debian's Chromium; Playwright's own browser download is not used.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>Browser processes; renders are spread over them (a crash costs only that browser's renders).</summary>
    [Range(1, 64)]
    public int Browsers { get; set; } = 1;

    /// <summary>Pages rendering at once in this process; 0 takes the performance profile's figure.</summary>
    [Range(0, 1024)]
    public int MaxConcurrentRenders { get; set; }

    /// <summary>Renders waiting for a free slot; one more is refused at once as <c>overloaded</c> (retryable).</summary>
    [Range(0, 10_000)]
    public int MaxQueuedRenders { get; set; } = 64;

    /// <summary>A browser is replaced after this many renders (Chromium's memory creeps up over many contexts).</summary>
    [Range(1, 1_000_000)]
    public int RecycleAfterRenders { get; set; } = 500;

    /// <summary>
    /// A browser whose processes together pass this resident size (PSS, shared pages split between them; summed RSS
    /// would count Chromium's shared code once per process) is replaced once its renders finish.
    /// </summary>
    [Range(64, 64 * 1024)]
    public int RecycleAboveRssMb { get; set; } = 1536;

    /// <summary>Render deadline when the request names none (it is also cut to the request's own deadline).</summary>
    [Range(100, 600_000)]
    public int DefaultTimeoutMs { get; set; } = 15_000;

    /// <summary>How long the network must be quiet (no request of the page open) before the page counts as settled.</summary>
    [Range(0, 10_000)]
    public int NetworkQuietMs { get; set; } = 300;

    /// <summary>The longest wait for network quiet after load; a page that polls forever is taken as it is then.</summary>
    [Range(0, 60_000)]
    public int MaxSettleMs { get; set; } = 3_000;

    /// <summary>The most scroll steps a request may ask for.</summary>
    [Range(0, 100)]
    public int MaxScrollSteps { get; set; } = 20;

    /// <summary>Requests one render may make; the rest are refused (<c>budget</c>).</summary>
    [Range(1, 100_000)]
    public int MaxRequestsPerRender { get; set; } = 300;

    /// <summary>Largest response to one request of the page.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>All responses of one render together.</summary>
    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxBytesPerRender { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest rendered HTML returned (and largest HTML accepted in a request).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxHtmlBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Largest screenshot returned; a full-page shot is also cut to <see cref="MaxScreenshotHeight"/> pixels.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxScreenshotBytes { get; set; } = 8L * 1024 * 1024;

    [Range(100, 100_000)]
    public int MaxScreenshotHeight { get; set; } = 10_000;

    /// <summary>Images, media and fonts are refused unless this is false: text does not need them.</summary>
    public bool BlockMedia { get; set; } = true;

    /// <summary>The page's redirects followed for one request of the page.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Networks a page may reach although they are internal (CIDR); the test site's loopback in Development.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    [Required(AllowEmptyStrings = false)]
    public string UserAgent { get; set; } = "RipTide-Crawler/1.0";

    /// <summary>The user agent of a mobile render (a phone's viewport, touch), as the Api's fetch of the page sent it.</summary>
    [Required]
    public string MobileUserAgent { get; set; } = "RipTide-Crawler/1.0 (Mobile)";
}
