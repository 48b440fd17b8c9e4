using RipTide.ServiceDefaults;

namespace RipTide.Gateway.Edge;

/// <summary>How the edge policies see a path. Matching ignores case, as routing does, so /ADMIN is /admin.</summary>
public static class EdgePaths
{
    /// <summary>Probes answer to anyone and count against no limit: load balancers and orchestrators call them.</summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath);

    /// <summary>Routes whose body is a crawl request, with the smaller crawl body limit.</summary>
    public static bool TakesCrawlRequest(PathString path) =>
        path.StartsWithSegments("/crawl") || path.StartsWithSegments("/admin/cache/warm") || path.StartsWithSegments("/v2/scrape");

    /// <summary>
    /// The API's description (/openapi/…) and its browsable reference (/docs): open without a key, as
    /// documentation is, and still rate-limited as anonymous traffic.
    /// </summary>
    public static bool IsDocumentation(PathString path) => path.StartsWithSegments("/openapi") || path.StartsWithSegments("/docs");

    /// <summary>Operator routes: pool and cache administration, and the gateway's own metrics.</summary>
    public static bool IsAdmin(PathString path) =>
        path.StartsWithSegments("/admin") || path.StartsWithSegments(ServiceDefaultsExtensions.MetricsPath);
}
