using System.Text.Json;
using RipTide.Api.Firecrawl;
using RipTide.Contracts.Firecrawl;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.Unit.Firecrawl;

/// <summary>Firecrawl's crawl and batch requests onto RipTide's job requests.</summary>
public sealed class FirecrawlJobRequestsTests
{
    private static readonly FirecrawlLimits Limits = new(MaxTimeoutMs: 120_000, ServerPerHost: 8, MaxUrlLength: 2048);

    private static JobRequest Crawl(string json)
    {
        var crawl = JsonSerializer.Deserialize(json, FirecrawlJsonContext.Default.FirecrawlCrawlRequest)!;
        Assert.True(FirecrawlJobRequests.TryCrawl(crawl, Limits, out var plan, out var problem), problem);
        return plan.Request;
    }

    private static string CrawlProblem(string json)
    {
        var crawl = JsonSerializer.Deserialize(json, FirecrawlJsonContext.Default.FirecrawlCrawlRequest)!;
        Assert.False(FirecrawlJobRequests.TryCrawl(crawl, Limits, out _, out var problem));
        return problem;
    }

    [Fact]
    public void A_crawl_follows_the_children_of_its_start_path_unless_asked_for_the_whole_domain()
    {
        Assert.Equal(["re:^/docs/guide/"], Crawl("""{"url":"https://example.com/docs/guide/"}""").Spider!.Include);
        Assert.Null(Crawl("""{"url":"https://example.com/"}""").Spider!.Include);
        Assert.Null(Crawl("""{"url":"https://example.com/docs/","crawlEntireDomain":true}""").Spider!.Include);
    }

    [Fact]
    public void Include_and_exclude_paths_are_regular_expressions_over_the_path()
    {
        var spider = Crawl("""{"url":"https://example.com/docs/","includePaths":["^/blog/.*"],"excludePaths":["/tag/"]}""").Spider!;

        Assert.Equal(["re:^/blog/.*"], spider.Include);
        Assert.Equal(["re:/tag/"], spider.Exclude);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/"}""", SpiderScopes.SameHost)]
    [InlineData("""{"url":"https://example.com/","allowSubdomains":true}""", SpiderScopes.SameDomain)]
    [InlineData("""{"url":"https://example.com/","allowExternalLinks":true,"allowSubdomains":true}""", SpiderScopes.Any)]
    public void Subdomains_and_external_links_widen_the_scope(string json, string scope)
    {
        Assert.Equal(scope, Crawl(json).Spider!.Scope);
    }

    [Fact]
    public void Limit_depth_sitemap_and_query_parameters_carry_over()
    {
        var spider = Crawl("""{"url":"https://example.com/","limit":25,"maxDiscoveryDepth":2,"sitemap":"skip","ignoreQueryParameters":true}""").Spider!;

        Assert.Equal((25, 2, SitemapModes.Skip, true), (spider.MaxPages, spider.MaxDepth, spider.Sitemap, spider.IgnoreQueryParams));
    }

    [Fact]
    public void Max_concurrency_lowers_the_per_host_limit_and_above_it_is_met_by_it()
    {
        Assert.Equal(3, Crawl("""{"url":"https://example.com/","maxConcurrency":3}""").Options!.PerHostConcurrency);
        Assert.Equal(8, Crawl("""{"url":"https://example.com/","maxConcurrency":50}""").Options!.PerHostConcurrency);
    }

    [Fact]
    public void A_delay_spaces_the_crawls_requests_one_at_a_time()
    {
        var options = Crawl("""{"url":"https://example.com/","delay":1.5,"maxConcurrency":5}""").Options!;

        Assert.Equal(1500, options.DelayMs);
        Assert.Equal(1, options.PerHostConcurrency);
        Assert.Null(Crawl("""{"url":"https://example.com/","delay":0}""").Options!.DelayMs);
    }

    [Fact]
    public void A_webhook_is_a_url_or_an_object_of_url_headers_and_events()
    {
        Assert.Equal("https://hooks.example/a", Crawl("""{"url":"https://example.com/","webhook":"https://hooks.example/a"}""").Webhook!.Url);
        var hook = Crawl("""{"url":"https://example.com/","webhook":{"url":"https://hooks.example/b","headers":{"X-Token":"t"},"events":["page","completed"],"metadata":{}}}""").Webhook!;
        Assert.Equal("https://hooks.example/b", hook.Url);
        Assert.Equal("t", hook.Headers!["X-Token"]);
        Assert.Equal(["page", "completed"], hook.Events);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/","delay":61}""", "delay must be from 0 to 60 seconds")]
    [InlineData("""{"url":"https://example.com/","webhook":{"url":"https://h.example/","metadata":{"a":"b"}}}""", "webhook.metadata")]
    [InlineData("""{"url":"https://example.com/","prompt":"only blog posts"}""", "'prompt'")]
    [InlineData("""{"url":"https://example.com/","scrapeOptions":{"formats":["summary"]}}""", "'summary'")]
    [InlineData("""{"url":"https://example.com/","limit":0}""", "limit")]
    [InlineData("""{"limit":5}""", "url is required")]
    public void What_a_crawl_cannot_do_is_refused(string json, string expected)
    {
        Assert.Contains(expected, CrawlProblem(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_with_ignore_invalid_urls_runs_the_valid_ones_and_names_the_others()
    {
        var batch = JsonSerializer.Deserialize("""{"urls":["https://example.com/a","not a url","ftp://example.com/"],"ignoreInvalidURLs":true,"formats":["links"]}""",
            FirecrawlJsonContext.Default.FirecrawlBatchRequest)!;

        Assert.True(FirecrawlJobRequests.TryBatch(batch, Limits, out var plan, out var problem), problem);
        Assert.Equal(["https://example.com/a"], plan.Request.Seeds);
        Assert.Null(plan.Request.Spider);
        Assert.Equal(["not a url", "ftp://example.com/"], plan.InvalidUrls);
        Assert.True(plan.Formats.Links);
    }
}
