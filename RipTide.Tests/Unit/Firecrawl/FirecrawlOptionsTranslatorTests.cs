using System.Text.Json;
using RipTide.Api.Firecrawl;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Firecrawl;

namespace RipTide.Tests.Unit.Firecrawl;

/// <summary>Firecrawl's scrape options onto /crawl's, and every option RipTide lacks refused unless it is off.</summary>
public sealed class FirecrawlOptionsTranslatorTests
{
    private const int MaxTimeoutMs = 120_000;

    private static FirecrawlScrapeRequest Read(string json) =>
        JsonSerializer.Deserialize(json, FirecrawlJsonContext.Default.FirecrawlScrapeRequest)!;

    private static CrawlOptions Translate(string json)
    {
        Assert.True(FirecrawlOptionsTranslator.TryTranslate(Read(json), "body", MaxTimeoutMs, out var options, out _, out var problem), problem);
        return options;
    }

    [Theory]
    [InlineData("""{"headers":{}}""")]
    [InlineData("""{"actions":[]}""")]
    [InlineData("""{"includeTags":[],"excludeTags":null}""")]
    [InlineData("""{"mobile":false,"waitFor":0,"skipTlsVerification":false}""")]
    [InlineData("""{"proxy":"basic","blockAds":false,"parsers":[]}""")]
    [InlineData("""{"origin":"js-sdk@4.42.0","integration":"langchain"}""")]
    public void Options_riptide_lacks_are_accepted_at_their_off_value(string json)
    {
        Assert.True(FirecrawlOptionsTranslator.TryTranslate(Read(json), "body", MaxTimeoutMs, out _, out _, out var problem), problem);
    }

    [Theory]
    [InlineData("""{"actions":[{"type":"wait","milliseconds":500}]}""", "'actions'")]
    [InlineData("""{"waitFor":-1}""", "waitFor")]
    [InlineData("""{"skipTlsVerification":true}""", "always verified")]
    [InlineData("""{"proxy":"stealth"}""", "'proxy'")]
    [InlineData("""{"location":{"country":"DE"}}""", "'location'")]
    [InlineData("""{"zeroDataRetention":true}""", "'zeroDataRetention'")]
    [InlineData("""{"fooBar":1}""", "Unrecognized key in body: 'fooBar'")]
    [InlineData("""{"timeout":0}""", "timeout")]
    [InlineData("""{"maxAge":-1}""", "maxAge")]
    public void Options_riptide_lacks_are_refused_by_name_when_asked_for(string json, string expected)
    {
        Assert.False(FirecrawlOptionsTranslator.TryTranslate(Read(json), "body", MaxTimeoutMs, out _, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", CacheModes.ReadWrite)]
    [InlineData("""{"maxAge":0}""", CacheModes.WriteOnly)]
    [InlineData("""{"storeInCache":false}""", CacheModes.ReadOnly)]
    [InlineData("""{"maxAge":0,"storeInCache":false}""", CacheModes.Bypass)]
    public void Max_age_and_store_in_cache_choose_how_the_cache_is_used(string json, string cacheMode)
    {
        Assert.Equal(cacheMode, Translate(json).CacheMode);
    }

    [Fact]
    public void The_whole_page_is_extracted_when_only_main_content_is_off()
    {
        Assert.Equal(ExtractionModes.Article, Translate("{}").Extraction);
        Assert.Equal(ExtractionModes.Full, Translate("""{"onlyMainContent":false}""").Extraction);
    }

    [Fact]
    public void Raw_html_asks_for_the_pages_html_and_html_for_markdown_to_render_it_from()
    {
        var options = Translate("""{"formats":["html","rawHtml"]}""");

        Assert.True(options.IncludeHtml);
        Assert.True(options.IncludeMarkdown);
        Assert.False(Translate("""{"formats":["links"]}""").IncludeMarkdown);
    }

    [Fact]
    public void A_timeout_beyond_the_servers_longest_is_met_by_the_longest()
    {
        Assert.Equal(MaxTimeoutMs, Translate("""{"timeout":300000}""").TimeoutMs);
        Assert.Equal(15_000, Translate("""{"timeout":15000}""").TimeoutMs);
    }

    [Fact]
    public void Include_and_exclude_tags_are_the_selectors_that_narrow_the_page()
    {
        var options = Translate("""{"includeTags":["article",".post"],"excludeTags":["aside"]}""");

        Assert.Equal(["article", ".post"], options.IncludeSelectors);
        Assert.Equal(["aside"], options.ExcludeSelectors);
        Assert.Null(Translate("""{"includeTags":[]}""").IncludeSelectors);
    }

    [Fact]
    public void Mobile_asks_for_the_page_as_a_phone_gets_it()
    {
        Assert.True(Translate("""{"mobile":true}""").Mobile);
        Assert.Null(Translate("""{"mobile":false}""").Mobile);
    }

    [Fact]
    public void Wait_for_is_a_wait_in_the_browser()
    {
        Assert.Equal(1500, Translate("""{"waitFor":1500}""").WaitMs);
        Assert.Null(Translate("""{"waitFor":0}""").WaitMs);
    }

    [Fact]
    public void A_screenshot_asks_the_browser_for_one()
    {
        var options = Translate("""{"formats":[{"type":"screenshot","fullPage":true}]}""");

        Assert.True(options.Screenshot);
        Assert.True(options.FullPageScreenshot);
    }
}
