using System.Diagnostics;
using RipTide.Contracts.Crawling;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>
/// A crawl through the running system of every misbehaving server at once (hanging, resetting, endless,
/// gzip bomb, slow headers, broken chunking, not HTTP, a name that does not resolve): one answer with an
/// error object per URL, within the request's deadline, and the system serves normally after.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class HostileServerCrawlTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_crawl_of_hostile_servers_answers_every_url_with_an_error_in_time_and_the_system_keeps_serving()
    {
        await using var hostile = HostileServer.Start();
        var slug = CrawlApi.UniqueSlug();
        string[] urls = [.. HostileServer.Paths.Select(path => hostile.Url($"{path}/{slug}").AbsoluteUri), "http://no-such-host.invalid/"];
        var clock = Stopwatch.StartNew();

        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest(urls, new CrawlOptions(Concurrency: urls.Length, CacheMode: "bypass", TimeoutMs: 3000)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the crawl took {clock.Elapsed}");
        Assert.Equal(urls.Length, response.TotalUrls);
        Assert.Equal(0, response.Successful);
        foreach (var result in response.Results)
        {
            Assert.True(result.Error is { Type.Length: > 0, Message.Length: > 0 }, $"{result.Url} has no error object");
        }

        var errorOf = response.Results.ToDictionary(result => new Uri(result.Url).AbsolutePath.Split('/')[1], result => result.Error!.Type);
        Assert.Equal(CrawlErrorTypes.Timeout, errorOf["hang-mid-body"]);
        Assert.Equal(CrawlErrorTypes.Timeout, errorOf["slow-headers"]);
        Assert.Equal(CrawlErrorTypes.TooLarge, errorOf["gzip-bomb"]);
        Assert.Equal(CrawlErrorTypes.TooLarge, errorOf["endless-chunked"]);
        Assert.Equal(CrawlErrorTypes.DnsError, errorOf[string.Empty]);

        using var health = await fixture.Gateway.GetAsync("/health");
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        var normal = await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}"));
        Assert.Equal(1, normal.Successful);
    }
}
