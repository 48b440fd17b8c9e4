using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class PolitenessTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Robots_disallowed_urls_are_not_fetched_unless_the_client_opts_out()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.PoliteSite.Url($"/private/{slug}").AbsoluteUri;

        var respected = await fixture.Gateway.CrawlAsync(new CrawlRequest([url], new CrawlOptions(CacheMode: CacheModes.Bypass)));
        var fetchedBeforeOptOut = fixture.PoliteSite.Arrivals($"/private/{slug}").Count;
        var ignored = await fixture.Gateway.CrawlAsync(new CrawlRequest([url], new CrawlOptions(CacheMode: CacheModes.Bypass, RespectRobots: false)));

        var refused = Assert.Single(respected.Results);
        Assert.Equal(CrawlErrorTypes.RobotsDisallowed, refused.Error?.Type);
        Assert.False(refused.Error!.Retryable);
        Assert.Equal(0, refused.Status);
        Assert.Equal(0, fetchedBeforeOptOut);
        Assert.Null(ignored.Results[0].Error);
        Assert.Equal(200, ignored.Results[0].Status);
    }

    [Fact]
    public async Task Crawl_delay_spaces_the_requests_to_one_host_even_with_concurrency()
    {
        var prefix = $"/articles/{CrawlApi.UniqueSlug()}";
        var urls = Enumerable.Range(0, 3).Select(i => fixture.PoliteSite.Url($"{prefix}-{i}").AbsoluteUri).ToList();

        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest(urls, new CrawlOptions(Concurrency: 3, CacheMode: CacheModes.Bypass)));

        Assert.Equal(3, response.Successful);
        var arrivals = fixture.PoliteSite.Arrivals(prefix);
        Assert.Equal(3, arrivals.Count);
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
        // Crawl-delay: 1 in the site's robots.txt. Starts are spaced by a full second; the slack covers the
        // time between a request's start in the crawler and its arrival here on a busy machine. Without the
        // delay the three would arrive within milliseconds of each other.
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(800), $"gap {gap.TotalMilliseconds} ms"));
        Assert.True(arrivals[^1] - arrivals[0] >= TimeSpan.FromMilliseconds(1900), $"span {(arrivals[^1] - arrivals[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_once_the_server_allows()
    {
        var slug = CrawlApi.UniqueSlug();

        var response = await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/busy/{slug}"));

        var result = Assert.Single(response.Results);
        Assert.Null(result.Error);
        Assert.Equal(200, result.Status);
        var arrivals = fixture.Site.Arrivals($"/busy/{slug}");
        Assert.Equal(2, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(900), $"retried after {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_retry_after_beyond_the_deadline_is_a_retryable_rate_limited_error()
    {
        var slug = CrawlApi.UniqueSlug();
        var request = new CrawlRequest([fixture.BusySite.Url($"/busy/{slug}").AbsoluteUri], new CrawlOptions(TimeoutMs: 3000));

        var response = await fixture.Gateway.CrawlAsync(request);

        var result = Assert.Single(response.Results);
        Assert.Equal(CrawlErrorTypes.RateLimited, result.Error?.Type);
        Assert.True(result.Error!.Retryable);
        Assert.Equal(429, result.Status);
        Assert.True(result.ProcessingTimeMs < 3000, $"took {result.ProcessingTimeMs} ms: it should not wait out a wait it cannot finish");
        Assert.Single(fixture.BusySite.Arrivals($"/busy/{slug}"));
    }
}
