using System.Diagnostics.CodeAnalysis;
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
    public static bool TryResolve(Uri current, string? location, [NotNullWhen(true)] out Uri? next, [NotNullWhen(false)] out CrawlError? error)
    {
        next = null;
        if (string.IsNullOrWhiteSpace(location))
        {
            error = Invalid("The redirect has an empty Location.");
            return false;
        }

        if (Parse(current, location) is not { } target)
        {
            error = Invalid("The redirect's Location is not a URL.");
            return false;
        }

        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            error = new CrawlError(CrawlErrorTypes.UnsupportedScheme,
                $"The server redirected to a '{Shorten(target.Scheme)}:' URL; only http and https are followed.", Retryable: false);
            return false;
        }

        if (string.IsNullOrEmpty(target.Host))
        {
            error = Invalid("The redirect's Location has no host.");
            return false;
        }

        (next, error) = (target, null);
        return true;
    }

    /// <summary>The location resolved against the URL that answered; null when it is no URL at all.</summary>
    private static Uri? Parse(Uri current, string location)
    {
        try
        {
            return Uri.TryCreate(current, BackslashesAsSlashes(location.Trim()), out var target) ? target : null;
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
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
