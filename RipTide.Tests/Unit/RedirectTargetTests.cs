using RipTide.Api.Fetching;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.Unit;

/// <summary>Where a redirect may lead: only to http(s), resolved as a browser resolves it; never an exception.</summary>
public sealed class RedirectTargetTests
{
    private static readonly Uri Current = new("https://site.example/a/b?q=1");

    [Theory]
    [InlineData("/c", "https://site.example/c")]
    [InlineData("c", "https://site.example/a/c")]
    [InlineData("//other.example/x", "https://other.example/x")]
    [InlineData("http://other.example/x", "http://other.example/x")]
    [InlineData("HTTPS://other.example/x", "https://other.example/x")]
    [InlineData("\\\\other.example\\share", "https://other.example/share")]
    [InlineData("/path?back=\\\\slash", "https://site.example/path?back=\\\\slash")]
    [InlineData("  /trimmed  ", "https://site.example/trimmed")]
    public void An_http_location_is_resolved_against_the_url_that_answered(string location, string expected)
    {
        Assert.True(RedirectTarget.TryResolve(Current, location, out var next, out var error), error?.Message);

        Assert.Equal(new Uri(expected), next);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("FILE:///etc/passwd")]
    [InlineData("file://localhost/etc/passwd")]
    [InlineData("data:text/html,<p>x</p>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://site.example/x")]
    [InlineData("gopher://site.example:70/_x")]
    [InlineData("ws://site.example/socket")]
    [InlineData("wss://site.example/socket")]
    [InlineData("mailto:a@site.example")]
    [InlineData("c:\\windows\\win.ini")]
    [InlineData("about:blank")]
    [InlineData("blob:https://site.example/1")]
    public void A_location_off_http_is_unsupported_scheme(string location)
    {
        Assert.False(RedirectTarget.TryResolve(Current, location, out var next, out var error));

        Assert.Null(next);
        Assert.Equal(CrawlErrorTypes.UnsupportedScheme, error.Type);
        Assert.False(error.Retryable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("http://[::1")]
    [InlineData("http://")]
    public void A_location_that_is_no_url_is_invalid_redirect(string? location)
    {
        Assert.False(RedirectTarget.TryResolve(Current, location, out var next, out var error));

        Assert.Null(next);
        Assert.Equal(CrawlErrorTypes.InvalidRedirect, error.Type);
    }
}
