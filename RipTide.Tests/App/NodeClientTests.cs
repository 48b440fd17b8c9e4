using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>A client in another language (bench/clients/crawl-client.mjs) works against the gateway unchanged.</summary>
[Collection(WholeApp.Name)]
public sealed class NodeClientTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_node_client_posting_urls_and_concurrency_reads_the_documented_statistics()
    {
        var slug = CrawlApi.UniqueSlug();
        var urls = new[] { fixture.Site.Url($"/articles/{slug}"), fixture.Site.Url($"/articles/{slug}-b") };

        using var read = await NodeScript.RunAsync("crawl-client.mjs", [fixture.Gateway.BaseAddress!.AbsoluteUri, .. urls.Select(url => url.AbsoluteUri)],
            new Dictionary<string, string> { ["RIPTIDE_API_KEY"] = fixture.ClientKey }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, read.RootElement.GetProperty("total_urls").GetInt32());
        Assert.Equal(2, read.RootElement.GetProperty("successful").GetInt32());
        Assert.True(read.RootElement.GetProperty("avg_processing_time_ms").GetDouble() > 0);
        Assert.Equal(0, read.RootElement.GetProperty("cache_hit_rate").GetDouble());
        Assert.Equal(TestPages.ArticleTitle(slug), read.RootElement.GetProperty("titles")[0].GetString());
    }
}
