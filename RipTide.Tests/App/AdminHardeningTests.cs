using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

/// <summary>
/// Issue 19, items 3, 6, 7 and 9: the admin routes refuse malformed queries, invalidate exactly what they are
/// asked to, cannot lock clients out by warming, and a client cannot pass its traffic off as warming.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class AdminHardeningTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("GET", "/admin/cache/popular?minutes=abc")]
    [InlineData("GET", "/admin/cache/popular?limit=99999999999")]
    [InlineData("GET", "/admin/cache/popular?minutes=1&minutes=2")]
    [InlineData("GET", "/admin/cache/popular?minutes=-1")]
    [InlineData("GET", "/admin/cache/popular?minutes=1e3")]
    [InlineData("GET", "/admin/cache/popular?limit=%20%205")]
    [InlineData("GET", "/admin/cache/popular?limit=0")]
    [InlineData("GET", "/admin/cache/popular?since=yesterday")]
    [InlineData("GET", "/admin/cache/stats?verbose=1")]
    [InlineData("GET", "/admin/fetch/hosts?host=x")]
    [InlineData("GET", "/admin/wasm/stats?x=1")]
    [InlineData("DELETE", "/admin/cache?url=http://a.example/&url=http://b.example/")]
    [InlineData("DELETE", "/admin/cache?url=http://a.example/&prefix=http://a.example/")]
    [InlineData("DELETE", "/admin/cache?uri=http://a.example/")]
    [InlineData("POST", "/admin/cache/warm?priority=high")]
    public async Task A_malformed_admin_query_gets_400_problem_json_that_names_it(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new CrawlRequest([fixture.Site.Url("/articles/x").AbsoluteUri]), RipTideJsonContext.Default.CrawlRequest);
        }

        using var response = await fixture.Gateway.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("validation_error", problem.RootElement.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task Well_formed_admin_queries_are_still_answered()
    {
        using var popular = await fixture.Gateway.GetAsync("/admin/cache/popular?minutes=5&limit=3");
        using var stats = await fixture.Gateway.GetAsync("/admin/cache/stats");

        Assert.Equal(HttpStatusCode.OK, popular.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    /// <summary>Item 7: invalidating one URL leaves another whose URL merely ends with it.</summary>
    [Fact]
    public async Task Invalidating_a_url_deletes_its_variants_and_not_a_url_that_ends_with_it()
    {
        var target = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        var lookalike = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}?next=:{target.AbsoluteUri}");
        await fixture.Gateway.CrawlAsync(new CrawlRequest([target.AbsoluteUri, lookalike.AbsoluteUri]));
        await fixture.Gateway.CrawlAsync(new CrawlRequest([target.AbsoluteUri], new CrawlOptions(IncludeHtml: true)));

        using var deleted = await fixture.Gateway.DeleteAsync($"/admin/cache?url={Uri.EscapeDataString(target.AbsoluteUri)}");
        var invalidation = (await deleted.Content.ReadFromJsonAsync(RipTideJsonContext.Default.CacheInvalidation))!;

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(2, invalidation.Deleted);
        var after = await fixture.Gateway.CrawlAsync(new CrawlRequest([target.AbsoluteUri, lookalike.AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.ReadOnly)));
        Assert.Equal(CacheStatuses.Miss, after.Results[0].CacheStatus);
        Assert.Equal(CacheStatuses.Hit, after.Results[1].CacheStatus);
    }

    /// <summary>
    /// Item 3: a flood of warm requests (each of 100 slow URLs) fills only the warmer's own budget: beyond a
    /// caller's share they get 429, and client crawls are admitted and served all the while.
    /// </summary>
    [Fact]
    public async Task A_flood_of_warm_requests_never_refuses_a_client_crawl()
    {
        // A site of its own, so that the warm traffic it leaves behind slows no other test's host; 100 ms
        // deadlines against 2 s pages, so the flood occupies the warmer briefly and drains (faster still once
        // the site is gone).
        await using var site = await TestSite.LocalTestSite.StartAsync(CancellationToken.None);
        var slow = new CrawlRequest(
            [.. Enumerable.Range(0, 100).Select(_ => site.Url($"/slow/{CrawlApi.UniqueSlug()}?ms=2000").AbsoluteUri)],
            new CrawlOptions(TimeoutMs: 100));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var warm = await fixture.Gateway.PostAsJsonAsync("/admin/cache/warm", slow, RipTideJsonContext.Default.CrawlRequest);
            statuses.Add(warm.StatusCode);
        }

        Assert.Contains(HttpStatusCode.Accepted, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(statuses, status => status is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests));
        for (var i = 0; i < 4; i++)
        {
            var crawl = await fixture.Gateway.CrawlAsync(new CrawlRequest(
                [.. Enumerable.Range(0, 20).Select(_ => fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri)],
                new CrawlOptions(CacheMode: CacheModes.Bypass)));
            Assert.Equal(20, crawl.Successful);
        }
    }

    /// <summary>Item 9: a client key's X-Cache-Warming is dropped at the gateway; its crawl counts as client traffic.</summary>
    [Fact]
    public async Task A_client_cannot_mark_its_own_traffic_as_warming()
    {
        using var client = fixture.GatewayClient(fixture.ClientKey);
        var before = (await fixture.Gateway.GetFromJsonAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats))!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/crawl")
        {
            Content = JsonContent.Create(new CrawlRequest([fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri]), RipTideJsonContext.Default.CrawlRequest),
        };
        request.Headers.Add(CrawlHeaders.CacheWarming, "true");

        using var response = await client.SendAsync(request);
        var after = (await fixture.Gateway.GetFromJsonAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before.WarmingMisses, after.WarmingMisses);
        Assert.Equal(before.Misses + 1, after.Misses);
    }
}
