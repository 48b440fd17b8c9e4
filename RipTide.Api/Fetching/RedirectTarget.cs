using RipTide.Contracts.Crawling;

namespace RipTide.Api.Fetching;

/// <summary>
/// Where a redirect may lead. The fetcher follows redirects itself (the handler's own redirects follow
/// any scheme as if it were HTTP, and throw on <c>file:</c> or UNC locations): a hop is taken only to an
/// absolute http or https URL, resolved against the URL that answered.
/// </summary>
public static class RedirectTarget
{
    /// <summary>The next URL, or the per-URL error that ends the crawl of this one.</summary>
    public static (Uri? Next, CrawlError? Error) Resolve(Uri current, string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return (null, Invalid("The redirect has an empty Location."));
        }

        Uri? next;
        try
        {
            if (!Uri.TryCreate(current, BackslashesAsSlashes(location.Trim()), out next))
            {
                return (null, Invalid("The redirect's Location is not a URL."));
            }
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or InvalidOperationException)
        {
            return (null, Invalid("The redirect's Location is not a URL."));
        }

        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
        {
            return (null, new CrawlError(CrawlErrorTypes.UnsupportedScheme,
                $"The server redirected to a '{Shorten(next.Scheme)}:' URL; only http and https are followed.", Retryable: false));
        }

        if (string.IsNullOrEmpty(next.Host))
        {
            return (null, Invalid("The redirect's Location has no host."));
        }

        return (next, null);
    }

    /// <summary>
    /// Browsers read a backslash before the query as a slash in http(s) URLs, so <c>\\host\share</c> means
    /// <c>//host/share</c> (a host, reached over http and judged by the address guard), not a file share.
    /// </summary>
    private static string BackslashesAsSlashes(string location)
    {
        var end = location.IndexOfAny(['?', '#']);
        var head = end < 0 ? location : location[..end];
        return head.Contains('\\') ? head.Replace('\\', '/') + location[head.Length..] : location;
    }

    public static bool IsRedirect(int status) => status is 300 or 301 or 302 or 303 or 307 or 308;

    private static CrawlError Invalid(string message) => new(CrawlErrorTypes.InvalidRedirect, message, Retryable: false);

    private static string Shorten(string scheme) => scheme.Length <= 16 ? scheme : scheme[..16];
}
