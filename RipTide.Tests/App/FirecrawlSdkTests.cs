using System.Text.Json;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>
/// Firecrawl's own JavaScript SDK (@mendable/firecrawl-js, pinned in bench/clients/package-lock.json) against the
/// whole app: a user switches by changing the base URL, and gets the same pages' content back.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class FirecrawlSdkTests(AppHostFixture fixture)
{
    private const string Script = "firecrawl-sdk.mjs";

    private async Task<JsonDocument> RunAsync(string scenario, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(NodeScript.Folder, "node_modules", "@mendable", "firecrawl-js")),
            "Firecrawl's SDK is not installed: run `npm ci` in bench/clients (scripts/test.sh does).");
        return await NodeScript.RunAsync(Script, [fixture.Gateway.BaseAddress!.AbsoluteUri, scenario, .. arguments],
            new Dictionary<string, string> { ["FIRECRAWL_API_KEY"] = fixture.ClientKey }, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Scrape_returns_markdown_html_links_raw_html_and_metadata_of_the_page()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/rich/{slug}");

        using var read = await RunAsync("scrape", url.AbsoluteUri);

        var document = read.RootElement;
        Assert.Contains("Paragraph 1: " + TestPages.ArticleParagraph1, document.GetProperty("markdown").GetString());
        Assert.DoesNotContain("Copyright 2026", document.GetProperty("markdown").GetString());
        Assert.Contains("<p>Paragraph 1: " + TestPages.ArticleParagraph1, document.GetProperty("html").GetString());
        Assert.Contains("<meta property=\"og:site_name\"", document.GetProperty("rawHtml").GetString());
        Assert.Contains("https://sponsor.example/offer", document.GetProperty("links").EnumerateArray().Select(link => link.GetString()));
        var metadata = document.GetProperty("metadata");
        Assert.Equal(TestPages.ArticleTitle(slug), metadata.GetProperty("title").GetString());
        Assert.Equal("How rip currents form and how to escape them.", metadata.GetProperty("description").GetString());
        Assert.Equal("en-GB", metadata.GetProperty("language").GetString());
        Assert.Equal(url.AbsoluteUri, metadata.GetProperty("sourceURL").GetString());
        Assert.Equal(200, metadata.GetProperty("statusCode").GetInt32());
        Assert.Equal(TestPages.RichKeywords, metadata.GetProperty("keywords").GetString());
        Assert.Equal(TestPages.RichSiteName, metadata.GetProperty("ogSiteName").GetString());
        Assert.Equal(TestPages.RichAuthor, metadata.GetProperty("author").GetString());
        Assert.StartsWith("2026-03-14T09:30:00", metadata.GetProperty("publishedTime").GetString(), StringComparison.Ordinal);
        Assert.Equal("summary_large_image", metadata.GetProperty("twitter:card").GetString());
        Assert.Equal("article", metadata.GetProperty("og:type").GetString());
    }

    [Fact]
    public async Task Map_lists_the_start_pages_links_and_never_a_robots_disallowed_one()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 15, Branching: 2));

        using var read = await RunAsync("map", site.Url("/").AbsoluteUri);

        var links = read.RootElement.GetProperty("links").EnumerateArray().Select(link => link.GetProperty("url").GetString()).ToList();
        Assert.Contains(site.Url("/p/1").AbsoluteUri, links);
        Assert.Contains(site.Url("/p/2").AbsoluteUri, links);
        Assert.DoesNotContain(links, link => link!.Contains("/private/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crawl_with_the_waiter_follows_next_pages_and_returns_every_page_once()
    {
        // More pages than one status answer holds (100), so the SDK must follow `next` to see them all.
        var shape = new SpiderSite.Shape(Pages: 130, Branching: 6);
        await using var site = await SpiderSite.StartAsync(shape);

        using var read = await RunAsync("crawl", site.Url("/").AbsoluteUri, "500");

        var job = read.RootElement;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(130, job.GetProperty("completed").GetInt32());
        var documents = job.GetProperty("data").EnumerateArray().ToList();
        var paths = documents.Select(document => new Uri(document.GetProperty("metadata").GetProperty("sourceURL").GetString()!).AbsolutePath).ToList();
        Assert.Equal(SpiderSite.AllPages(shape), paths.Order());
        foreach (var document in documents)
        {
            var path = new Uri(document.GetProperty("metadata").GetProperty("sourceURL").GetString()!).AbsolutePath;
            var expectedTitle = path == "/" ? "Page 0" : $"Page {path["/p/".Length..]}";
            Assert.Equal(expectedTitle, document.GetProperty("metadata").GetProperty("title").GetString());
            Assert.Contains(TestPages.ArticleParagraph1, document.GetProperty("markdown").GetString());
        }
    }

    [Fact]
    public async Task Start_crawl_status_and_cancel_stop_a_running_crawl()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 300, Branching: 3, LatencyMs: 300));

        using var read = await RunAsync("start-cancel", site.Url("/").AbsoluteUri);

        var outcome = read.RootElement;
        var id = outcome.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(fixture.Gateway.BaseAddress!, $"/v2/crawl/{id}").AbsoluteUri, outcome.GetProperty("url").GetString());
        Assert.Equal("scraping", outcome.GetProperty("before").GetString());
        Assert.True(outcome.GetProperty("cancelled").GetBoolean());
        Assert.Equal("cancelled", outcome.GetProperty("after").GetString());
        using var client = fixture.GatewayClient(fixture.ClientKey);
        var status = await client.JobStatusAsync(id);
        Assert.True(status.Counts.Crawled < 300, $"The cancelled crawl went on to crawl all {status.Counts.Crawled} pages.");
    }

    [Fact]
    public async Task Batch_scrape_returns_each_page_with_its_content_and_a_missing_one_with_its_status()
    {
        var slug = CrawlApi.UniqueSlug();
        var first = fixture.Site.Url($"/articles/{slug}");
        var second = fixture.Site.Url($"/articles/{slug}-b");
        var missing = fixture.Site.Url($"/no-such-page/{slug}");

        using var read = await RunAsync("batch", first.AbsoluteUri, second.AbsoluteUri, missing.AbsoluteUri);

        var job = read.RootElement;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var documents = job.GetProperty("data").EnumerateArray()
            .ToDictionary(document => document.GetProperty("metadata").GetProperty("sourceURL").GetString()!);
        Assert.Equal(3, documents.Count);
        foreach (var (url, title) in new[] { (first, TestPages.ArticleTitle(slug)), (second, TestPages.ArticleTitle(slug + "-b")) })
        {
            var document = documents[url.AbsoluteUri];
            Assert.Equal(title, document.GetProperty("metadata").GetProperty("title").GetString());
            Assert.Contains(TestPages.ArticleParagraph2, document.GetProperty("markdown").GetString());
            Assert.Contains(fixture.Site.Url("/articles/related").AbsoluteUri, document.GetProperty("links").EnumerateArray().Select(link => link.GetString()));
        }

        var notFound = documents[missing.AbsoluteUri].GetProperty("metadata");
        Assert.Equal(404, notFound.GetProperty("statusCode").GetInt32());
        Assert.Contains("404", notFound.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1/")]
    [InlineData("/redirect-to-metadata")] // a page of the site that redirects into the metadata service
    public async Task Scraping_an_internal_address_is_refused_with_firecrawls_error(string address)
    {
        if (address.StartsWith('/'))
        {
            address = fixture.Site.Url(address).AbsoluteUri;
        }

        using var read = await RunAsync("refused", address);

        var outcome = read.RootElement;
        Assert.True(outcome.GetProperty("refused").GetBoolean(), $"The SDK got a document for {address}: {outcome}");
        Assert.Equal(403, outcome.GetProperty("status").GetInt32());
        Assert.Contains("may not reach", outcome.GetProperty("message").GetString());
    }
}
