using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RipTide.Contracts.Jobs;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>
/// The Firecrawl routes at the HTTP level: Firecrawl's error shape from the Api and from the gateway's edge,
/// status pages that link to the next, per-page errors and robots refusals, and the crawls still running.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class FirecrawlApiTests(AppHostFixture fixture)
{
    private static readonly string[] RawHtml = ["rawHtml"];

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, HttpClient? client = null) =>
        await ReadAsync(await (client ?? fixture.Gateway).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json")));

    private static void AssertError(HttpStatusCode expected, string message, (HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.True(expected == answer.Status, $"Expected {(int)expected}, got {(int)answer.Status}: {answer.Body}");
        Assert.False(answer.Body.GetProperty("success").GetBoolean());
        Assert.Contains(message, answer.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/scrape", """{"url":"https://example.com/","formats":["json"]}""", HttpStatusCode.BadRequest, "language model")]
    [InlineData("/v2/scrape", """{"url":"https://example.com/","actions":[{"type":"click","selector":"#more"}]}""", HttpStatusCode.BadRequest, "'actions'")]
    [InlineData("/v2/scrape", """{"url":"https://example.com/","pageOptions":{}}""", HttpStatusCode.BadRequest, "Unrecognized key in body: 'pageOptions'")]
    [InlineData("/v2/scrape", """{"url":["https://example.com/"]}""", HttpStatusCode.BadRequest, "$.url")]
    [InlineData("/v2/scrape", """{"formats":["markdown"]}""", HttpStatusCode.BadRequest, "url is required")]
    [InlineData("/v2/scrape", """{"url":"file:///etc/passwd"}""", HttpStatusCode.BadRequest, "url ")]
    [InlineData("/v2/crawl", """{"url":"https://example.com/","delay":500}""", HttpStatusCode.BadRequest, "delay must be from 0 to 60 seconds")]
    [InlineData("/v2/crawl", """{"url":"https://example.com/","limit":100000000}""", HttpStatusCode.BadRequest, "limit must be between 1 and ")]
    [InlineData("/v2/crawl", """{"url":"https://example.com/","maxDiscoveryDepth":5000}""", HttpStatusCode.BadRequest, "maxDiscoveryDepth must be between 0 and ")]
    [InlineData("/v2/crawl", """{"url":"https://example.com/","delay":40,"scrapeOptions":{"timeout":10000}}""", HttpStatusCode.BadRequest, "less than scrapeOptions.timeout (10000)")]
    [InlineData("/v2/crawl", """{"url":"ftp://example.com/"}""", HttpStatusCode.BadRequest, "url ")]
    [InlineData("/v2/batch/scrape", """{"urls":[]}""", HttpStatusCode.BadRequest, "at least one URL")]
    [InlineData("/v2/batch/scrape", """{"urls":["https://example.com/","ftp://example.com/"]}""", HttpStatusCode.BadRequest, "urls[1] ")]
    [InlineData("/v2/scrape", """{"url":"https://example.com/","waitFor":5000,"timeout":3000}""", HttpStatusCode.BadRequest, "waitFor must be from 0 to less than")]
    [InlineData("/v2/map", """{"url":"https://example.com/","location":{"country":"US"}}""", HttpStatusCode.BadRequest, "'location'")]
    [InlineData("/v2/search", """{"query":"tides"}""", HttpStatusCode.NotImplemented, "search engine")]
    [InlineData("/v2/extract", """{"urls":["https://example.com/"],"prompt":"prices"}""", HttpStatusCode.NotImplemented, "language model")]
    [InlineData("/v2/no-such-route", """{}""", HttpStatusCode.NotFound, "not a route")]
    public async Task Bad_or_unsupported_requests_get_firecrawls_error_body_saying_why(string path, string json, HttpStatusCode status, string message)
    {
        AssertError(status, message, await PostAsync(path, json));
    }

    [Fact]
    public async Task Errors_of_the_gateways_edge_are_in_firecrawls_shape_under_v2()
    {
        using var anonymous = fixture.GatewayClient(key: null);
        AssertError(HttpStatusCode.Unauthorized, "API key", await PostAsync("/v2/scrape", """{"url":"https://example.com/"}""", anonymous));
        AssertError(HttpStatusCode.MethodNotAllowed, "GET, HEAD, POST, DELETE", await ReadAsync(await fixture.Gateway.PutAsync("/v2/scrape", null)));
        AssertError(HttpStatusCode.UnsupportedMediaType, "JSON", await ReadAsync(await fixture.Gateway.PostAsync("/v2/scrape", new StringContent("url=x"))));
    }

    [Fact]
    public async Task Unknown_ids_and_ids_of_the_other_kind_of_job_are_not_found()
    {
        AssertError(HttpStatusCode.NotFound, "Job not found", await ReadAsync(await fixture.Gateway.GetAsync("/v2/crawl/not-an-id")));
        AssertError(HttpStatusCode.NotFound, "Job not found", await ReadAsync(await fixture.Gateway.GetAsync($"/v2/crawl/{new string('a', 32)}")));

        var page = fixture.Site.Url("/articles/" + CrawlApi.UniqueSlug());
        var (_, started) = await PostAsync("/v2/batch/scrape", $$"""{"urls":["{{page}}"]}""");
        var id = started.GetProperty("id").GetString()!;
        AssertError(HttpStatusCode.NotFound, "Job not found", await ReadAsync(await fixture.Gateway.GetAsync($"/v2/crawl/{id}")));
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await fixture.Gateway.GetAsync($"/v2/batch/scrape/{id}"))).Status);
    }

    [Fact]
    public async Task A_crawls_status_pages_its_documents_through_absolute_next_urls()
    {
        var shape = new SpiderSite.Shape(Pages: 130, Branching: 6);
        await using var site = await SpiderSite.StartAsync(shape);
        var (status, started) = await PostAsync("/v2/crawl", $$"""{"url":"{{site.Url("/")}}","limit":500,"scrapeOptions":{"formats":["links"]} }""");
        Assert.Equal(HttpStatusCode.OK, status);
        var id = started.GetProperty("id").GetString()!;
        await fixture.Gateway.WaitForJobAsync(id, job => JobStatuses.IsFinished(job.Status));

        var paths = new List<string>();
        var next = started.GetProperty("url").GetString();
        var answers = 0;
        while (next is not null)
        {
            Assert.StartsWith(fixture.Gateway.BaseAddress!.AbsoluteUri, next, StringComparison.Ordinal);
            var (_, body) = await ReadAsync(await fixture.Gateway.GetAsync(new Uri(next)));
            Assert.Equal("completed", body.GetProperty("status").GetString());
            Assert.Equal(130, body.GetProperty("total").GetInt32());
            foreach (var document in body.GetProperty("data").EnumerateArray())
            {
                paths.Add(new Uri(document.GetProperty("metadata").GetProperty("sourceURL").GetString()!).AbsolutePath);
                Assert.False(document.TryGetProperty("markdown", out _), "Only the formats asked for are present.");
                Assert.Contains(site.Url("/").AbsoluteUri, document.GetProperty("links").EnumerateArray().Select(link => link.GetString()));
            }

            next = body.TryGetProperty("next", out var link) ? link.GetString() : null;
            answers++;
        }

        Assert.Equal(2, answers);
        Assert.Equal(SpiderSite.AllPages(shape), paths.Order());
    }

    [Fact]
    public async Task A_batchs_errors_name_pages_that_could_not_be_fetched_and_those_robots_txt_refused()
    {
        var slug = CrawlApi.UniqueSlug();
        var article = fixture.PoliteSite.Url($"/articles/{slug}");
        var disallowed = fixture.PoliteSite.Url($"/private/{slug}");
        const string Blocked = "http://169.254.169.254/latest/meta-data/";
        var (_, started) = await PostAsync("/v2/batch/scrape", $$"""{"urls":["{{article}}","{{disallowed}}","{{Blocked}}"]}""");
        var id = started.GetProperty("id").GetString()!;
        await fixture.Gateway.WaitForJobAsync(id, job => JobStatuses.IsFinished(job.Status));

        var (_, errors) = await ReadAsync(await fixture.Gateway.GetAsync($"/v2/batch/scrape/{id}/errors"));

        var error = Assert.Single(errors.GetProperty("errors").EnumerateArray());
        Assert.Equal(Blocked, error.GetProperty("url").GetString());
        Assert.Contains("may not reach", error.GetProperty("error").GetString());
        Assert.Equal([disallowed.AbsoluteUri], errors.GetProperty("robotsBlocked").EnumerateArray().Select(url => url.GetString()));
        var (_, batch) = await ReadAsync(await fixture.Gateway.GetAsync($"/v2/batch/scrape/{id}"));
        var document = Assert.Single(batch.GetProperty("data").EnumerateArray());
        Assert.Equal(TestPages.ArticleTitle(slug), document.GetProperty("metadata").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Active_crawls_list_a_running_crawl_until_it_is_cancelled()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 200, Branching: 3, LatencyMs: 300));
        var (_, started) = await PostAsync("/v2/crawl", $$"""{"url":"{{site.Url("/")}}"}""");
        var id = started.GetProperty("id").GetString()!;

        var (_, active) = await ReadAsync(await fixture.Gateway.GetAsync("/v2/crawl/active"));
        var crawl = Assert.Single(active.GetProperty("crawls").EnumerateArray(), crawl => crawl.GetProperty("id").GetString() == id);
        Assert.Equal(site.Url("/").AbsoluteUri, crawl.GetProperty("url").GetString());

        var (_, cancelled) = await ReadAsync(await fixture.Gateway.DeleteAsync($"/v2/crawl/{id}"));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var (_, after) = await ReadAsync(await fixture.Gateway.GetAsync("/v2/crawl/active"));
        Assert.DoesNotContain(after.GetProperty("crawls").EnumerateArray(), crawl => crawl.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Wait_for_renders_the_page_and_waits_in_the_browser_before_reading_it()
    {
        Assert.True(File.Exists(RendererProcesses.ChromiumPath), $"This test needs Debian's chromium at {RendererProcesses.ChromiumPath} (scripts/test.sh installs it).");
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/render/late/{slug}");

        var (status, body) = await PostAsync("/v2/scrape", $$"""{"url":"{{url}}","waitFor":{{LocalTestSite.LateRenderMs + 3000}},"maxAge":0}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(RipTide.Bench.Site.RenderPages.Paragraphs(slug)[0], body.GetProperty("data").GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Include_and_exclude_tags_narrow_what_is_extracted()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        var (_, included) = await PostAsync("/v2/scrape", $$"""{"url":"{{url}}","onlyMainContent":false,"includeTags":["header nav"],"maxAge":0}""");
        var (_, excluded) = await PostAsync("/v2/scrape", $$"""{"url":"{{url}}","onlyMainContent":false,"excludeTags":["article p","header"],"maxAge":0}""");

        var onlyNavigation = included.GetProperty("data").GetProperty("markdown").GetString();
        Assert.Contains(TestPages.NavigationText, onlyNavigation, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPages.ArticleParagraph1, onlyNavigation, StringComparison.Ordinal);
        var withoutParagraphs = excluded.GetProperty("data").GetProperty("markdown").GetString();
        Assert.DoesNotContain(TestPages.ArticleParagraph1, withoutParagraphs, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPages.NavigationText, withoutParagraphs, StringComparison.Ordinal);
        Assert.Contains("Copyright 2026 Test Site", withoutParagraphs, StringComparison.Ordinal);
        AssertError(HttpStatusCode.BadRequest, "includeTags[0]: 'article[' is not a valid CSS selector",
            await PostAsync("/v2/scrape", $$"""{"url":"{{url}}","includeTags":["article["]}"""));
    }

    [Fact]
    public async Task Headers_reach_the_page_are_kept_from_other_origins_and_keep_cached_pages_apart()
    {
        var slug = CrawlApi.UniqueSlug();
        var page = fixture.Site.Url($"/echo-headers/{slug}");
        // A redirect from the page's origin to another (the polite site listens on another port).
        var elsewhere = fixture.Site.Url($"/hostile/redirect?to={Uri.EscapeDataString(fixture.PoliteSite.Url($"/echo-headers/{slug}-b").AbsoluteUri)}");

        async Task<string> ScrapeAsync(Uri url, string cookie)
        {
            var (status, body) = await PostAsync("/v2/scrape", $$"""{"url":"{{url}}","headers":{"Cookie":"{{cookie}}","User-Agent":"FirecrawlUser/1.0"} }""");
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            return body.GetProperty("data").GetProperty("markdown").GetString()!;
        }

        var first = await ScrapeAsync(page, "session=a");
        var second = await ScrapeAsync(page, "session=b");
        var redirected = await ScrapeAsync(elsewhere, "session=a");

        Assert.Contains("Cookie was session=a, agent was FirecrawlUser/1.0.", first, StringComparison.Ordinal);
        Assert.Contains("Cookie was session=b,", second, StringComparison.Ordinal);
        Assert.Contains("Cookie was none,", redirected, StringComparison.Ordinal);
        Assert.DoesNotContain("FirecrawlUser", redirected, StringComparison.Ordinal);
        AssertError(HttpStatusCode.BadRequest, "headers: Host is set by the crawler",
            await PostAsync("/v2/scrape", $$"""{"url":"{{page}}","headers":{"Host":"internal.example"} }"""));
    }

    [Fact]
    public async Task Mobile_fetches_with_a_mobile_agent_and_renders_in_a_phones_window()
    {
        Assert.True(File.Exists(RendererProcesses.ChromiumPath), $"This test needs Debian's chromium at {RendererProcesses.ChromiumPath} (scripts/test.sh installs it).");
        var slug = CrawlApi.UniqueSlug();

        var (_, fetched) = await PostAsync("/v2/scrape", $$"""{"url":"{{fixture.Site.Url($"/echo-headers/{slug}")}}","mobile":true}""");
        var (_, phone) = await PostAsync("/v2/scrape", $$"""{"url":"{{fixture.Site.Url($"/render/device/{slug}")}}","mobile":true,"maxAge":0}""");
        var (_, desktop) = await PostAsync("/v2/scrape", $$"""{"url":"{{fixture.Site.Url($"/render/device/{slug}")}}","maxAge":0}""");

        Assert.Contains("agent was RipTide-Crawler/1.0 (Mobile).", fetched.GetProperty("data").GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Contains("390 pixels wide, with touch present", phone.GetProperty("data").GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Contains("1280 pixels wide, with touch absent", desktop.GetProperty("data").GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_screenshot_is_a_png_data_url()
    {
        Assert.True(File.Exists(RendererProcesses.ChromiumPath), $"This test needs Debian's chromium at {RendererProcesses.ChromiumPath} (scripts/test.sh installs it).");
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");

        var (status, body) = await PostAsync("/v2/scrape", $$"""{"url":"{{url}}","formats":["markdown",{"type":"screenshot","fullPage":true}]}""");

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var screenshot = body.GetProperty("data").GetProperty("screenshot").GetString()!;
        Assert.StartsWith("data:image/png;base64,", screenshot, StringComparison.Ordinal);
        var png = Convert.FromBase64String(screenshot["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains(TestPages.ArticleParagraph1, body.GetProperty("data").GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_html_keeps_angle_brackets_unescaped_on_the_wire()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        using var response = await fixture.Gateway.PostAsJsonAsync("/v2/scrape", new { url = url.AbsoluteUri, formats = RawHtml });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<article>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", text, StringComparison.Ordinal);
    }
}
