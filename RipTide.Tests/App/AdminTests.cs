using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class AdminTests(AppHostFixture fixture)
{
    private static readonly string[] OneUrl = ["https://example.com/"];

    [Fact]
    public async Task Cache_stats_show_hits_and_a_server_configured_as_an_lru_cache()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        await fixture.Gateway.CrawlAsync(url);
        await fixture.Gateway.CrawlAsync(url);

        var stats = (await fixture.Gateway.GetFromJsonAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats))!;

        Assert.True(stats.Available);
        Assert.True(stats.Hits >= 1);
        Assert.True(stats.Misses >= 1);
        Assert.True(stats.Writes >= 1);
        Assert.InRange(stats.HitRate, 0.0001, 1);
        Assert.True(stats.Keys >= 1);
        Assert.Equal("volatile-lru", stats.EvictionPolicy);
        Assert.Equal(512L * 1024 * 1024, stats.MaxMemoryBytes);
    }

    [Fact]
    public async Task Invalidating_a_url_or_a_prefix_removes_every_variant()
    {
        var folder = $"/articles/{CrawlApi.UniqueSlug()}";
        var first = fixture.Site.Url($"{folder}-a");
        var second = fixture.Site.Url($"{folder}-b");
        await fixture.Gateway.CrawlAsync(first, second);
        await fixture.Gateway.CrawlAsync(new CrawlRequest([first.AbsoluteUri], new CrawlOptions(IncludeHtml: true)));

        using var byUrl = await fixture.Gateway.DeleteAsync($"/admin/cache?url={Uri.EscapeDataString(first.AbsoluteUri)}");
        var afterUrl = await fixture.Gateway.CrawlAsync(new CrawlRequest([first.AbsoluteUri, second.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.ReadOnly)));
        using var byPrefix = await fixture.Gateway.DeleteAsync($"/admin/cache?prefix={Uri.EscapeDataString(fixture.Site.Url(folder).AbsoluteUri)}");
        var afterPrefix = await fixture.Gateway.CrawlAsync(new CrawlRequest([second.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.ReadOnly)));

        Assert.Equal(2, (await byUrl.Content.ReadFromJsonAsync(RipTideJsonContext.Default.CacheInvalidation))!.Deleted);
        Assert.Equal([CacheStatuses.Miss, CacheStatuses.Hit], afterUrl.Results.Select(r => r.CacheStatus));
        Assert.Equal(1, (await byPrefix.Content.ReadFromJsonAsync(RipTideJsonContext.Default.CacheInvalidation))!.Deleted);
        Assert.Equal(CacheStatuses.Miss, afterPrefix.Results[0].CacheStatus);
    }

    [Theory]
    [InlineData("/admin/cache")]
    [InlineData("/admin/cache?url=https://a.example/&prefix=https://a.example/")]
    [InlineData("/admin/cache?prefix=ftp://a.example/")]
    public async Task Invalidation_needs_exactly_one_http_url_or_prefix(string path)
    {
        using var response = await fixture.Gateway.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Popular_urls_rank_by_requests()
    {
        var hot = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        var cold = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        for (var i = 0; i < 3; i++)
        {
            await fixture.Gateway.CrawlAsync(hot);
        }

        await fixture.Gateway.CrawlAsync(cold);

        var popular = (await fixture.Gateway.GetFromJsonAsync("/admin/cache/popular?limit=1000", RipTideJsonContext.Default.PopularUrls))!;
        var ranked = popular.Urls.Select(u => u.Url).ToList();
        Assert.Equal(3, popular.Urls.Single(u => u.Url == hot.AbsoluteUri).Requests);
        Assert.True(ranked.IndexOf(hot.AbsoluteUri) < ranked.IndexOf(cold.AbsoluteUri));
    }

    [Fact]
    public async Task Warming_crawls_in_the_background_into_the_cache()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        using var accepted = await fixture.Gateway.WarmAsync(new { urls = new[] { url.AbsoluteUri } });
        var warm = (await accepted.Content.ReadFromJsonAsync(RipTideJsonContext.Default.CacheWarmAccepted))!;

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, warm.AcceptedUrls);
        CrawlResponse? response = null;
        for (var attempt = 0; attempt < 40 && response?.Results[0].CacheStatus != CacheStatuses.Hit; attempt++)
        {
            await Task.Delay(250);
            response = await fixture.Gateway.CrawlAsync(new CrawlRequest([url.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.ReadOnly)));
        }

        Assert.Equal(CacheStatuses.Hit, response!.Results[0].CacheStatus);
    }

    [Fact]
    public async Task Traffic_marked_as_warming_is_counted_apart_from_client_traffic()
    {
        var before = (await fixture.Gateway.GetFromJsonAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl")
        {
            Content = JsonContent.Create(new CrawlRequest([fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri]), RipTideJsonContext.Default.CrawlRequest),
        };
        request.Headers.Add("X-Cache-Warming", "true");

        using var response = await fixture.Gateway.SendAsync(request);
        var after = (await fixture.Gateway.GetFromJsonAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.WarmingMisses + 1, after.WarmingMisses);
        Assert.Equal(before.Misses, after.Misses);
    }

    [Fact]
    public async Task Warming_refuses_a_mode_that_would_not_write()
    {
        using var response = await fixture.Gateway.PostAsJsonAsync("/admin/cache/warm", new { urls = OneUrl, options = new { cache_mode = "bypass" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Fetch_host_statistics_list_the_connections_to_a_crawled_host()
    {
        await fixture.Gateway.CrawlAsync(new CrawlRequest(
            [.. Enumerable.Range(0, 4).Select(_ => fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri)],
            new CrawlOptions(CacheMode: CacheModes.Bypass)));
        var host = $"127.0.0.1:{fixture.Site.BaseAddress.Port}";

        // Each Api copy answers for itself; ask until both have been seen or one lists the host.
        JsonElement? entry = null;
        for (var attempt = 0; attempt < 6 && entry is null; attempt++)
        {
            var stats = (await fixture.Gateway.GetFromJsonAsync("/admin/fetch/hosts", RipTideJsonContext.Default.FetchHostsStats))!;
            Assert.Equal(100, stats.MaxConnections);
            Assert.Equal(8, stats.MaxConnectionsPerHost);
            if (stats.Hosts.SingleOrDefault(h => h.Host == host) is { } found)
            {
                Assert.True(found.ConnectionsOpened >= 1);
                Assert.InRange(found.OpenConnections, 0, 10);
                entry = JsonSerializer.SerializeToElement(found, RipTideJsonContext.Default.FetchHostStats);
            }
        }

        Assert.NotNull(entry);
    }
}
