using System.Net;
using System.Net.Sockets;
using RipTide.Contracts.Crawling;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class CrawlTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Crawl_returns_title_and_main_text_of_a_local_page()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/articles/{slug}");

        var response = await fixture.Gateway.CrawlAsync(url);

        Assert.Equal(1, response.TotalUrls);
        Assert.Equal(1, response.Successful);
        var result = Assert.Single(response.Results);
        Assert.Null(result.Error);
        Assert.Equal(200, result.Status);
        Assert.False(result.FromCache);
        Assert.Equal(CacheStatuses.Miss, result.CacheStatus);
        Assert.Equal(GateDecisions.Raw, result.GateDecision);
        var document = Assert.IsType<RipTide.Contracts.Extraction.Document>(result.Document);
        Assert.Equal(TestPages.ArticleTitle(slug), document.Title);
        Assert.Contains(TestPages.ArticleParagraph1, document.Text, StringComparison.Ordinal);
        Assert.Contains(TestPages.ArticleParagraph2, document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPages.NavigationText, document.Text, StringComparison.Ordinal);
        Assert.Contains(document.Links, link => link.Url == fixture.Site.Url("/articles/related").AbsoluteUri);
        Assert.True(document.WordCount > 20);
        Assert.True(response.Statistics.BytesFetched > 0);
        Assert.Equal("wasm", document.Extraction.Engine);
        Assert.Contains(TestPages.ArticleParagraph1, document.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crawl_serves_an_identical_second_request_from_the_cache()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        var first = await fixture.Gateway.CrawlAsync(url);
        var second = await fixture.Gateway.CrawlAsync(url);

        Assert.Equal(0, first.FromCache);
        Assert.Equal(0.0, first.Statistics.CacheHitRate);
        Assert.Equal(1, second.FromCache);
        Assert.Equal(1.0, second.Statistics.CacheHitRate);
        var cached = Assert.Single(second.Results);
        Assert.True(cached.FromCache);
        Assert.Equal(CacheStatuses.Hit, cached.CacheStatus);
        Assert.Equal(GateDecisions.Cached, cached.GateDecision);
        Assert.Equal(first.Results[0].Document!.Text, cached.Document!.Text);
        Assert.Equal(first.Results[0].Document!.Title, cached.Document.Title);
    }

    [Fact]
    public async Task Crawl_with_bypass_neither_reads_nor_writes_the_cache()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        var bypass = new CrawlRequest([url.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.Bypass));

        var first = await fixture.Gateway.CrawlAsync(bypass);
        var afterBypass = await fixture.Gateway.CrawlAsync(url);

        Assert.Equal(CacheStatuses.Bypass, first.Results[0].CacheStatus);
        Assert.False(afterBypass.Results[0].FromCache);
        Assert.Equal(CacheStatuses.Miss, afterBypass.Results[0].CacheStatus);
    }

    [Fact]
    public async Task Failing_urls_get_error_objects_while_the_others_in_the_request_succeed()
    {
        var good = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        var missing = fixture.Site.Url($"/missing/{CrawlApi.UniqueSlug()}");
        var closedPort = new Uri($"http://127.0.0.1:{ClosedPort()}/page");
        var json = fixture.Site.Url("/data.json");

        var response = await fixture.Gateway.CrawlAsync(missing, good, closedPort, json);

        Assert.Equal(4, response.TotalUrls);
        Assert.Equal(1, response.Successful);
        Assert.Equal(3, response.Failed);
        Assert.Equal([missing.AbsoluteUri, good.AbsoluteUri, closedPort.AbsoluteUri, json.AbsoluteUri], response.Results.Select(r => r.Url));

        var notFound = response.Results[0];
        Assert.Equal(404, notFound.Status);
        Assert.Equal(CrawlErrorTypes.HttpError, notFound.Error?.Type);
        Assert.False(notFound.Error!.Retryable);
        Assert.Null(notFound.Document);

        Assert.NotNull(response.Results[1].Document);

        var refused = response.Results[2];
        Assert.Equal(0, refused.Status);
        Assert.Equal(CrawlErrorTypes.ConnectError, refused.Error?.Type);
        Assert.True(refused.Error!.Retryable);

        Assert.Equal(CrawlErrorTypes.UnsupportedContentType, response.Results[3].Error?.Type);
    }

    [Fact]
    public async Task Crawl_follows_redirects_and_reports_the_final_url()
    {
        var slug = CrawlApi.UniqueSlug();

        var response = await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/redirect/{slug}"));

        var result = Assert.Single(response.Results);
        Assert.Equal(fixture.Site.Url($"/articles/{slug}").AbsoluteUri, result.FinalUrl);
        Assert.Equal(TestPages.ArticleTitle(slug), result.Document?.Title);
    }

    [Fact]
    public async Task Crawl_refuses_the_cloud_metadata_address_as_a_per_url_error()
    {
        // Refused by the address guard before any packet is sent.
        var response = await fixture.Gateway.CrawlAsync(new Uri("http://169.254.169.254/latest/meta-data/"));

        var result = Assert.Single(response.Results);
        Assert.Equal(CrawlErrorTypes.BlockedAddress, result.Error?.Type);
        Assert.Equal(0, response.Successful);
    }

    [Theory]
    [InlineData("http://2852039166/latest/")] // decimal 169.254.169.254
    [InlineData("http://0xA9FEA9FE/")] // hexadecimal
    [InlineData("http://0251.0376.0251.0376/")] // octal
    [InlineData("http://169.254.43518/")] // two-part form
    [InlineData("http://[::ffff:169.254.169.254]/")] // IPv4-mapped IPv6
    [InlineData("http://[::ffff:a9fe:a9fe]/")] // IPv4-mapped, hex words
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")] // NAT64
    [InlineData("http://10.1/")] // 10.0.0.1, private
    [InlineData("http://0/")] // 0.0.0.0
    [InlineData("http://[::]/")] // IPv6 unspecified
    [InlineData("http://[fd00::1]/")] // IPv6 unique local
    [InlineData("http://100.64.0.1/")] // CGNAT
    [InlineData("http://224.0.0.1/")] // multicast
    public async Task Odd_notations_of_private_addresses_are_blocked(string url)
    {
        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest([url], new CrawlOptions(CacheMode: CacheModes.Bypass)));

        var result = Assert.Single(response.Results);
        Assert.Equal(CrawlErrorTypes.BlockedAddress, result.Error?.Type);
        Assert.False(result.Error!.Retryable);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_blocked_at_the_second_hop()
    {
        var response = await fixture.Gateway.CrawlAsync(fixture.Site.Url("/redirect-to-metadata"));

        var result = Assert.Single(response.Results);
        Assert.Equal(CrawlErrorTypes.BlockedAddress, result.Error?.Type);
        Assert.Null(result.Document);
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_cut_off_while_streaming()
    {
        var response = await fixture.Gateway.CrawlAsync(
            new CrawlRequest([fixture.Site.Url("/huge").AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.Bypass)));

        var result = Assert.Single(response.Results);
        Assert.Equal(CrawlErrorTypes.TooLarge, result.Error?.Type);
        Assert.Equal(200, result.Status);
        Assert.False(result.Error!.Retryable);
    }

    [Fact]
    public async Task Pages_in_legacy_encodings_are_decoded_from_their_meta_or_header_charset()
    {
        var response = await fixture.Gateway.CrawlAsync(
            new CrawlRequest([fixture.Site.Url("/charset/windows-1252").AbsoluteUri, fixture.Site.Url("/charset/shift_jis").AbsoluteUri],
                new CrawlOptions(CacheMode: CacheModes.Bypass)));

        Assert.Contains(TestPages.Windows1252Text, response.Results[0].Document?.Text, StringComparison.Ordinal);
        Assert.Contains(TestPages.ShiftJisText, response.Results[1].Document?.Text, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound, read, and released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
