using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

/// <summary>
/// Issue 19, items 1, 4 and 8: what a hostile page or server sends costs that URL its own result, with an
/// error type that says why, in /crawl, /crawl/stream, /extract and warming alike; its neighbours are served.
/// Redirects lead only to http and https, every hop.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class HostilePageTests(AppHostFixture fixture)
{
    /// <summary>Where a hostile redirect points, and the error its URL must end in.</summary>
    public static TheoryData<string, string> Redirects => new()
    {
        { "file:///etc/passwd", CrawlErrorTypes.UnsupportedScheme },
        { "FILE:///etc/passwd", CrawlErrorTypes.UnsupportedScheme },
        { "file://localhost/etc/passwd", CrawlErrorTypes.UnsupportedScheme },
        { "  file:///etc/passwd", CrawlErrorTypes.UnsupportedScheme },
        { "data:text/html,<p>injected</p>", CrawlErrorTypes.UnsupportedScheme },
        { "data:text/html;base64,PHA+aW5qZWN0ZWQ8L3A+", CrawlErrorTypes.UnsupportedScheme },
        { "javascript:alert(1)", CrawlErrorTypes.UnsupportedScheme },
        { "JaVaScRiPt:alert(1)", CrawlErrorTypes.UnsupportedScheme },
        { "ftp://127.0.0.1/pub", CrawlErrorTypes.UnsupportedScheme },
        { "gopher://127.0.0.1:70/_GET", CrawlErrorTypes.UnsupportedScheme },
        { "ws://127.0.0.1/socket", CrawlErrorTypes.UnsupportedScheme },
        { "mailto:someone@example.com", CrawlErrorTypes.UnsupportedScheme },
        { "c:\\windows\\win.ini", CrawlErrorTypes.UnsupportedScheme },
        { "http://[::1", CrawlErrorTypes.InvalidRedirect },
        // A browser reads backslashes as slashes: this is a host, reached over http, and it does not resolve.
        { "\\\\no-such-host.invalid\\share", CrawlErrorTypes.DnsError },
    };

    [Theory]
    [MemberData(nameof(Redirects))]
    public async Task A_redirect_off_http_fails_its_own_url_and_the_neighbour_is_served(string location, string expected)
    {
        var good = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        var hostile = Redirect(location);

        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest([good.AbsoluteUri, hostile.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.Bypass)));

        Assert.Equal(2, response.TotalUrls);
        Assert.Null(response.Results[0].Error);
        Assert.Equal(expected, response.Results[1].Error?.Type);
        if (expected != CrawlErrorTypes.DnsError)
        {
            // Known at the hop that redirected: its status and URL, and no point in trying again.
            Assert.Equal(302, response.Results[1].Status);
            Assert.Equal(hostile.AbsoluteUri, response.Results[1].FinalUrl);
            Assert.False(response.Results[1].Error!.Retryable);
        }
    }

    [Fact]
    public async Task An_http_redirect_is_still_followed_and_reports_where_it_led()
    {
        var slug = CrawlApi.UniqueSlug();

        var response = await fixture.Gateway.CrawlAsync(Redirect(fixture.Site.Url($"/articles/{slug}").AbsoluteUri));

        Assert.Equal(1, response.Successful);
        Assert.Equal(fixture.Site.Url($"/articles/{slug}").AbsoluteUri, response.Results[0].FinalUrl);
    }

    /// <summary>Item 1's charsets: labels a browser ignores are ignored; the replacement encodings are refused.</summary>
    [Theory]
    [InlineData("/hostile/charset?label=utf-7", null)]
    [InlineData("/hostile/charset?label=UTF-7", null)]
    [InlineData("/hostile/charset?label=%22utf-7%22", null)]
    [InlineData("/hostile/charset?label=utf-32", null)]
    [InlineData("/hostile/charset?label=ibm037", null)]
    [InlineData("/hostile/charset?label=x-no-such-charset", null)]
    [InlineData("/hostile/meta-charset?label=utf-7", null)]
    [InlineData("/hostile/meta-charset?label=x-unicode-2-0-utf-7", null)]
    [InlineData("/hostile/charset?label=iso-2022-kr", CrawlErrorTypes.UnsupportedCharset)]
    [InlineData("/hostile/charset?label=hz-gb-2312", CrawlErrorTypes.UnsupportedCharset)]
    [InlineData("/hostile/meta-charset?label=iso-2022-cn", CrawlErrorTypes.UnsupportedCharset)]
    public async Task A_hostile_charset_label_is_ignored_or_refused_never_fatal(string path, string? expected)
    {
        var good = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest([fixture.Site.Url(path).AbsoluteUri, good.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.Bypass)));

        Assert.Null(response.Results[1].Error);
        Assert.Equal(expected, response.Results[0].Error?.Type);
        if (expected is null)
        {
            Assert.Equal(TestSite.TestPages.ArticleTitle("charset"), response.Results[0].Document?.Title);
        }
    }

    [Fact]
    public async Task A_page_nested_too_deeply_is_too_complex_and_a_deep_but_sane_one_is_extracted()
    {
        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest(
            [fixture.Site.Url("/hostile/deep/100000").AbsoluteUri, fixture.Site.Url("/hostile/deep/300").AbsoluteUri],
            new CrawlOptions(CacheMode: CacheModes.Bypass)));

        Assert.Equal(CrawlErrorTypes.TooComplex, response.Results[0].Error?.Type);
        Assert.False(response.Results[0].Error!.Retryable);
        Assert.Null(response.Results[1].Error);
        Assert.Contains("deep text", response.Results[1].Document!.Text, StringComparison.Ordinal);
    }

    /// <summary>The stream gets a result line for every URL and its summary, whatever the hostile ones did.</summary>
    [Fact]
    public async Task A_stream_with_hostile_pages_delivers_every_result_and_its_summary()
    {
        string[] urls =
        [
            fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri,
            Redirect("file:///etc/passwd").AbsoluteUri,
            Redirect("data:text/html,x").AbsoluteUri,
            fixture.Site.Url("/hostile/charset?label=utf-7").AbsoluteUri,
            fixture.Site.Url("/hostile/charset?label=iso-2022-kr").AbsoluteUri,
            fixture.Site.Url("/hostile/deep/100000").AbsoluteUri,
            fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri,
        ];

        using var response = await CrawlStreamClient.OpenAsync(fixture.Gateway, new CrawlRequest(urls, new CrawlOptions(Concurrency: 3, CacheMode: CacheModes.Bypass)));
        var lines = await CrawlStreamClient.ReadAllAsync(response).WithinAsync(TimeSpan.FromMinutes(1), "the stream of hostile pages");

        var results = lines.Where(line => line.Type() == "result").ToDictionary(line => line.GetProperty("index").GetInt32(), line => line.Result());
        Assert.Equal(Enumerable.Range(0, urls.Length), results.Keys.Order());
        Assert.Equal("summary", lines[^1].Type());
        Assert.Equal(urls.Length, lines[^1].GetProperty("total_urls").GetInt32());
        Assert.Null(results[0].Error);
        Assert.Null(results[3].Error);
        Assert.Null(results[6].Error);
        Assert.Equal(CrawlErrorTypes.UnsupportedScheme, results[1].Error?.Type);
        Assert.Equal(CrawlErrorTypes.UnsupportedCharset, results[4].Error?.Type);
        Assert.Equal(CrawlErrorTypes.TooComplex, results[5].Error?.Type);
    }

    [Theory]
    [InlineData("file:///etc/passwd", CrawlErrorTypes.UnsupportedScheme)]
    [InlineData("/hostile/charset?label=iso-2022-kr", CrawlErrorTypes.UnsupportedCharset)]
    [InlineData("/hostile/deep/100000", CrawlErrorTypes.TooComplex)]
    public async Task Extract_by_url_answers_a_hostile_page_with_a_4xx_that_names_it(string target, string expected)
    {
        var url = target.StartsWith('/') ? fixture.Site.Url(target) : Redirect(target);

        using var response = await fixture.Gateway.PostAsJsonAsync("/extract", new { url = url.AbsoluteUri });
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(expected, problem.RootElement.GetProperty("error_type").GetString());
    }

    /// <summary>Warming a batch with hostile pages still caches the good ones.</summary>
    [Fact]
    public async Task Warming_a_batch_with_hostile_pages_still_caches_the_good_ones()
    {
        var good = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        string[] urls = [Redirect("file:///etc/passwd").AbsoluteUri, fixture.Site.Url("/hostile/charset?label=iso-2022-kr").AbsoluteUri, good.AbsoluteUri];

        using var accepted = await fixture.Gateway.WarmAsync(new CrawlRequest(urls));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var cached = await Poll.UntilAsync(
            async () => (await fixture.Gateway.CrawlAsync(new CrawlRequest([good.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.ReadOnly)))).Results[0].CacheStatus == CacheStatuses.Hit,
            TimeSpan.FromSeconds(30));
        Assert.True(cached, "the good page of the warm request was never cached");
    }

    /// <summary>
    /// Item 4: in Development loopback is allowed, yet the NAT64 form of 127.0.0.1 (which a NAT64 gateway would
    /// carry off the machine) is refused, while the IPv4-mapped form is dialled as 127.0.0.1 itself.
    /// </summary>
    [Fact]
    public async Task The_nat64_form_of_an_allowed_address_is_refused_and_the_mapped_form_is_dialled_as_ipv4()
    {
        var port = fixture.Site.BaseAddress.Port;
        var slug = CrawlApi.UniqueSlug();

        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest(
            [$"http://[64:ff9b::7f00:1]:{port}/articles/{slug}", $"http://[::ffff:127.0.0.1]:{port}/articles/{slug}"],
            new CrawlOptions(CacheMode: CacheModes.Bypass, TimeoutMs: 5000)));

        Assert.Equal(CrawlErrorTypes.BlockedAddress, response.Results[0].Error?.Type);
        Assert.Null(response.Results[1].Error);
        Assert.Empty(fixture.Site.Arrivals($"/articles/{slug}").Skip(1));
    }

    private Uri Redirect(string location) => fixture.Site.Url($"/hostile/redirect?to={Uri.EscapeDataString(location)}");
}
