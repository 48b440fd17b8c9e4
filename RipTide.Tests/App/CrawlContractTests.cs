using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts.Crawling;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>Every field of API.md's CrawlResponse, CrawlResult and Document, asserted on the wire.</summary>
[Collection(WholeApp.Name)]
public sealed class CrawlContractTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_rich_article_fills_every_field_of_the_contract()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/rich/{slug}");
        var cachedUrl = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        await fixture.Gateway.CrawlAsync(cachedUrl);

        using var response = await fixture.Gateway.PostAsJsonAsync("/crawl", new { urls = new[] { url.AbsoluteUri, cachedUrl.AbsoluteUri } });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
        Assert.Equal(2, body.GetProperty("total_urls").GetInt32());
        Assert.Equal(2, body.GetProperty("successful").GetInt32());
        Assert.Equal(0, body.GetProperty("failed").GetInt32());
        Assert.Equal(1, body.GetProperty("from_cache").GetInt32());

        var statistics = body.GetProperty("statistics");
        Assert.True(statistics.GetProperty("total_processing_time_ms").GetDouble() > 0);
        Assert.True(statistics.GetProperty("avg_processing_time_ms").GetDouble() > 0);
        Assert.True(statistics.GetProperty("p95_processing_time_ms").GetDouble() >= statistics.GetProperty("avg_processing_time_ms").GetDouble());
        Assert.Equal(0.5, statistics.GetProperty("cache_hit_rate").GetDouble());
        Assert.Equal(1, statistics.GetProperty("gate_decisions").GetProperty("raw").GetInt32());
        Assert.Equal(1, statistics.GetProperty("gate_decisions").GetProperty("cached").GetInt32());
        Assert.Equal(0, statistics.GetProperty("gate_decisions").GetProperty("probes_first").GetInt32());
        Assert.Equal(0, statistics.GetProperty("gate_decisions").GetProperty("headless").GetInt32());
        Assert.True(statistics.GetProperty("bytes_fetched").GetInt64() > 2000);

        var results = body.GetProperty("results");
        var result = results[0];
        Assert.Equal(url.AbsoluteUri, result.GetProperty("url").GetString());
        Assert.Equal(url.AbsoluteUri, result.GetProperty("final_url").GetString());
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.False(result.GetProperty("from_cache").GetBoolean());
        Assert.Equal("miss", result.GetProperty("cache_status").GetString());
        Assert.Equal("raw", result.GetProperty("gate_decision").GetString());
        Assert.Equal("static", result.GetProperty("render_path").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("gate_escalation").ValueKind);
        Assert.InRange(result.GetProperty("quality_score").GetDouble(), 0.3, 1.0);
        Assert.True(result.GetProperty("processing_time_ms").GetDouble() > 0);
        Assert.StartsWith("text/html", result.GetProperty("content_type").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("error").ValueKind);
        Assert.True(results[1].GetProperty("from_cache").GetBoolean());
        Assert.Equal("hit", results[1].GetProperty("cache_status").GetString());
        Assert.Equal("cache", results[1].GetProperty("render_path").GetString());

        var document = result.GetProperty("document");
        Assert.Equal(url.AbsoluteUri, document.GetProperty("url").GetString());
        Assert.Equal(fixture.Site.Url($"/rich/{slug}?canonical=1").AbsoluteUri, document.GetProperty("canonical_url").GetString());
        Assert.Equal(TestPages.ArticleTitle(slug), document.GetProperty("title").GetString());
        Assert.Contains(TestPages.RichAuthor, document.GetProperty("byline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2026-03-14T09:30:00", document.GetProperty("published_iso").GetString(), StringComparison.Ordinal);
        Assert.Equal(TestPages.RichSiteName, document.GetProperty("site_name").GetString());
        Assert.Equal("How rip currents form and how to escape them.", document.GetProperty("description").GetString());
        Assert.Equal("en-GB", document.GetProperty("language").GetString());
        Assert.Contains("Paragraph 6:", document.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("\n\n", document.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("[sponsor's offer](https://sponsor.example/offer)", document.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, document.GetProperty("html").ValueKind);
        Assert.Contains(document.GetProperty("links").EnumerateArray(), link =>
            link.GetProperty("url").GetString() == "https://sponsor.example/offer" && link.GetProperty("rel").GetString() == "nofollow"
            && link.GetProperty("text").GetString() == "sponsor's offer");
        Assert.Contains(document.GetProperty("media").EnumerateArray(), media =>
            media.GetProperty("type").GetString() == "image" && media.GetProperty("url").GetString() == fixture.Site.Url("/images/rip.jpg").AbsoluteUri
            && media.GetProperty("alt").GetString() == "Waves breaking over a sandbar");
        var meta = document.GetProperty("meta");
        Assert.Equal(TestPages.RichSiteName, meta.GetProperty("og:site_name").GetString());
        Assert.Equal(TestPages.RichKeywords, meta.GetProperty("keywords").GetString());
        Assert.Equal("summary_large_image", meta.GetProperty("twitter:card").GetString());
        Assert.True(document.GetProperty("word_count").GetInt32() > 100);
        Assert.True(document.GetProperty("reading_time_minutes").GetInt32() >= 1);
        Assert.Equal(result.GetProperty("quality_score").GetDouble(), document.GetProperty("quality_score").GetDouble());
        Assert.Contains(TestPages.RichSection, document.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, document.GetProperty("structured").ValueKind);
        var extraction = document.GetProperty("extraction");
        Assert.Equal("wasm", extraction.GetProperty("engine").GetString());
        Assert.True(extraction.GetProperty("processing_time_ms").GetDouble() > 0);
        Assert.True(extraction.GetProperty("memory_used_bytes").GetInt64() > 0);
        Assert.True(extraction.GetProperty("nodes_processed").GetInt32() > 10);
    }

    [Fact]
    public async Task A_script_built_page_is_reported_as_headless_and_rendered()
    {
        var response = await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/spa/{CrawlApi.UniqueSlug()}"));

        var result = Assert.Single(response.Results);
        Assert.Null(result.Error);
        Assert.Equal(GateDecisions.Headless, result.GateDecision);
        Assert.Equal(RenderPaths.Headless, result.RenderPath);
        Assert.Null(result.GateEscalation);
        Assert.Equal(RenderReasons.ScriptBuilt, result.Render!.Reason);
        Assert.Equal(1, response.Statistics.GateDecisions[GateDecisions.Headless]);
    }

    [Fact]
    public async Task Render_static_forces_the_raw_path()
    {
        var request = new CrawlRequest([fixture.Site.Url($"/spa/{CrawlApi.UniqueSlug()}").AbsoluteUri], new CrawlOptions(Render: RenderModes.Static));

        var result = (await fixture.Gateway.CrawlAsync(request)).Results[0];

        Assert.Equal(GateDecisions.Raw, result.GateDecision);
        Assert.Null(result.GateEscalation);
    }

    [Fact]
    public async Task Extraction_none_returns_the_fetched_html_and_metadata_mode_no_body_text()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/rich/{slug}").AbsoluteUri;

        var raw = (await fixture.Gateway.CrawlAsync(new CrawlRequest([url], new CrawlOptions(Extraction: ExtractionModes.None)))).Results[0];
        var metadata = (await fixture.Gateway.CrawlAsync(new CrawlRequest([url], new CrawlOptions(Extraction: ExtractionModes.Metadata)))).Results[0];

        Assert.Equal(RenderPaths.None, raw.RenderPath);
        Assert.Contains("<article>", raw.Document!.Html, StringComparison.Ordinal);
        Assert.Equal("none", raw.Document.Extraction.Engine);
        Assert.Equal(TestPages.ArticleTitle(slug), metadata.Document!.Title);
        Assert.DoesNotContain("Paragraph 6:", metadata.Document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_css_schema_adds_structured_fields_and_a_bad_selector_is_a_400()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/rich/{slug}").AbsoluteUri;

        using var good = await fixture.Gateway.PostAsJsonAsync("/crawl", new
        {
            urls = new[] { url },
            options = new { css_schema = new { fields = new { heading = "h1", byline = ".byline" } } },
        });
        using var bad = await fixture.Gateway.PostAsJsonAsync("/crawl", new
        {
            urls = new[] { url },
            options = new { css_schema = new { fields = new { heading = "h1[[[" } } },
        });

        var structured = JsonDocument.Parse(await good.Content.ReadAsStringAsync()).RootElement.GetProperty("results")[0].GetProperty("document").GetProperty("structured");
        Assert.Equal(TestPages.ArticleTitle(slug), structured.GetProperty("heading").GetString());
        Assert.Equal($"By {TestPages.RichAuthor}", structured.GetProperty("byline").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("options.css_schema", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
