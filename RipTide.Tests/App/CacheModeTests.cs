using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class CacheModeTests(AppHostFixture fixture)
{
    private Task<CrawlResponse> CrawlAsync(Uri url, string? cacheMode = null, CrawlOptions? options = null) =>
        fixture.Gateway.CrawlAsync(new CrawlRequest([url.AbsoluteUri], (options ?? new CrawlOptions()) with { CacheMode = cacheMode }));

    [Fact]
    public async Task Read_only_reads_but_never_writes()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        var readOnly = await CrawlAsync(url, CacheModes.ReadOnly);
        var after = await CrawlAsync(url, CacheModes.ReadWrite);
        var readOnlyAgain = await CrawlAsync(url, CacheModes.ReadOnly);

        Assert.Equal(CacheStatuses.Miss, readOnly.Results[0].CacheStatus);
        Assert.Equal(CacheStatuses.Miss, after.Results[0].CacheStatus);
        Assert.Equal(CacheStatuses.Hit, readOnlyAgain.Results[0].CacheStatus);
    }

    [Fact]
    public async Task Write_only_always_fetches_and_refreshes_the_entry()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/articles/{slug}");

        await CrawlAsync(url);
        var refresh = await CrawlAsync(url, CacheModes.WriteOnly);
        var hit = await CrawlAsync(url, CacheModes.Enabled);

        Assert.False(refresh.Results[0].FromCache);
        Assert.Equal(CacheStatuses.WriteOnly, refresh.Results[0].CacheStatus);
        Assert.Equal(2, fixture.Site.Arrivals($"/articles/{slug}").Count);
        Assert.Equal(CacheStatuses.Hit, hit.Results[0].CacheStatus);
    }

    [Fact]
    public async Task The_disabled_alias_bypasses_the_cache()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        await CrawlAsync(url);
        var disabled = await CrawlAsync(url, CacheModes.Disabled);

        Assert.Equal(CacheStatuses.Bypass, disabled.Results[0].CacheStatus);
        Assert.False(disabled.Results[0].FromCache);
    }

    [Fact]
    public async Task Every_output_option_has_its_own_cache_entry()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        var plain = await CrawlAsync(url);
        var withHtml = await CrawlAsync(url, options: new CrawlOptions(IncludeHtml: true));
        var withHtmlAgain = await CrawlAsync(url, options: new CrawlOptions(IncludeHtml: true));
        var noMarkdown = await CrawlAsync(url, options: new CrawlOptions(IncludeMarkdown: false));

        Assert.Null(plain.Results[0].Document!.Html);
        Assert.Equal(CacheStatuses.Miss, withHtml.Results[0].CacheStatus);
        Assert.Contains("<article>", withHtml.Results[0].Document!.Html, StringComparison.Ordinal);
        Assert.Equal(CacheStatuses.Hit, withHtmlAgain.Results[0].CacheStatus);
        Assert.Contains("<article>", withHtmlAgain.Results[0].Document!.Html, StringComparison.Ordinal);
        Assert.Equal(CacheStatuses.Miss, noMarkdown.Results[0].CacheStatus);
        Assert.Null(noMarkdown.Results[0].Document!.Markdown);
    }

    [Fact]
    public async Task Crawling_goes_on_uncached_while_redis_is_stopped_and_caching_resumes_after()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        await fixture.StopCacheAsync();
        try
        {
            var during = await CrawlAsync(url);

            Assert.Equal(1, during.Successful);
            Assert.Equal(CacheStatuses.Unavailable, during.Results[0].CacheStatus);
            using var health = await fixture.Gateway.GetAsync("/health");
            Assert.True(health.IsSuccessStatusCode, $"gateway /health answered {(int)health.StatusCode} while only the cache is down");
        }
        finally
        {
            await fixture.StartCacheAsync();
        }

        var after = await Eventually.RetryUntilAsync(() => CrawlAsync(url), r => r.Results[0].CacheStatus == CacheStatuses.Miss);
        var hit = await CrawlAsync(url);
        Assert.Equal(CacheStatuses.Hit, hit.Results[0].CacheStatus);
        Assert.Equal(after.Results[0].Document!.Title, hit.Results[0].Document!.Title);
    }
}
