using System.Text.Json;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.ServiceDefaults.Performance;

namespace RipTide.Tests.Unit;

public sealed class CrawlRequestValidatorTests
{
    private static readonly CrawlRequestValidator Validator = new(
        Options.Create(new CrawlLimitsOptions { MaxUrls = 3 }),
        PerformanceProfile.Resolve(new PerformanceOptions { DefaultRequestConcurrency = 4 }, cpuCount: 2));

    [Fact]
    public void Every_output_option_reaches_the_plan()
    {
        using var schema = JsonDocument.Parse("""{"fields": {"price": ".price"}}""");
        var options = new CrawlOptions(Extraction: "full", Render: "static", RespectRobots: false, IncludeHtml: true, IncludeMarkdown: false,
            CssSchema: schema.RootElement.Clone(), CacheTtlSeconds: 90);

        Assert.True(Validator.TryValidate(new CrawlRequest(["https://example.com"], options), out var plan, out _));

        Assert.Equal("full", plan.Output.Extraction);
        Assert.Equal("static", plan.Output.Render);
        Assert.True(plan.Output.IncludeHtml);
        Assert.False(plan.Output.IncludeMarkdown);
        Assert.NotNull(plan.Output.CssSchema);
        Assert.False(plan.RespectRobots);
        Assert.Equal(TimeSpan.FromSeconds(90), plan.CacheTtlOverride);
    }

    [Fact]
    public void Options_that_change_the_output_change_the_fingerprint()
    {
        var plain = new PageOutput("article", "auto", false, true, null);
        using var schema = JsonDocument.Parse("""{"fields": {"a": "b"}}""");

        Assert.NotEqual(plain.Fingerprint(), (plain with { Extraction = "full" }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { IncludeHtml = true }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { IncludeMarkdown = false }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { Render = "headless" }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { CssSchema = schema.RootElement.Clone() }).Fingerprint());
        Assert.Equal(plain.Fingerprint(), new PageOutput("article", "auto", false, true, null).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { Browser = new RenderSettings(WaitFor: "main") }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { Browser = new RenderSettings(Scroll: 3) }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { Browser = new RenderSettings(WaitMs: 500) }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { Filter = new PageFilter(["article"], []) }).Fingerprint());
        Assert.NotEqual(plain.Fingerprint(), (plain with { Mobile = true }).Fingerprint());
        Assert.NotEqual((plain with { Filter = new PageFilter(["article"], []) }).Fingerprint(), (plain with { Filter = new PageFilter([], ["article"]) }).Fingerprint());
        Assert.NotEqual((plain with { Browser = new RenderSettings(WaitMs: 500) }).Fingerprint(), (plain with { Browser = new RenderSettings(WaitMs: 900) }).Fingerprint());
        // Default browser settings keep the key every earlier cache entry was written under.
        Assert.Equal(plain.Fingerprint(), (plain with { Browser = new RenderSettings() }).Fingerprint());
    }

    [Fact]
    public void Browser_options_reach_the_plan_and_a_screenshot_bypasses_the_cache()
    {
        var options = new CrawlOptions(TimeoutMs: 20_000, RenderTimeoutMs: 5_000, WaitFor: "#app p", Scroll: 3, Screenshot: true, FullPageScreenshot: true);

        Assert.True(Validator.TryValidate(new CrawlRequest(["https://example.com"], options), out var plan, out var problem), problem);

        Assert.Equal(new RenderSettings(5_000, "#app p", 3, Screenshot: true, FullPage: true), plan.Output.BrowserSettings);
        Assert.True(plan.Output.BrowserSettings.AsksForBrowser);
        Assert.Equal(CacheMode.Bypass, plan.CacheMode);
        Assert.True(new RenderSettings(WaitMs: 1).AsksForBrowser);
    }

    [Theory]
    [InlineData("""{"extraction": "summary"}""", "options.extraction 'summary' is not one of article, full, metadata, none")]
    [InlineData("""{"render": "browser"}""", "options.render 'browser' is not one of auto, static, headless")]
    [InlineData("""{"css_schema": [1]}""", "options.css_schema must be an object")]
    [InlineData("""{"extraction": "none", "css_schema": {"fields": {}}}""", "options.css_schema needs extraction")]
    [InlineData("""{"cache_ttl_seconds": 0}""", "options.cache_ttl_seconds must be between")]
    [InlineData("""{"render_timeout_ms": 50}""", "options.render_timeout_ms must be between 100 and the URL's timeout_ms")]
    [InlineData("""{"timeout_ms": 5000, "render_timeout_ms": 6000}""", "options.render_timeout_ms must be between 100 and the URL's timeout_ms (5000)")]
    [InlineData("""{"wait_for": " "}""", "options.wait_for must be a CSS selector")]
    [InlineData("""{"scroll": 21}""", "options.scroll must be between 0 and 20")]
    [InlineData("""{"full_page_screenshot": true}""", "options.full_page_screenshot needs options.screenshot")]
    [InlineData("""{"render": "static", "screenshot": true}""", "options.wait_for, wait_ms, scroll and screenshot need the browser")]
    [InlineData("""{"render": "static", "wait_for": "main"}""", "options.wait_for, wait_ms, scroll and screenshot need the browser")]
    [InlineData("""{"render": "static", "wait_ms": 500}""", "options.wait_for, wait_ms, scroll and screenshot need the browser")]
    [InlineData("""{"include_selectors": [" "]}""", "options.include_selectors[0] must be a CSS selector")]
    [InlineData("""{"exclude_selectors": ["nav", "x\u0000"]}""", "options.exclude_selectors[1] must be a CSS selector")]
    [InlineData("""{"extraction": "none", "exclude_selectors": ["nav"]}""", "options.include_selectors and exclude_selectors need extraction")]
    [InlineData("""{"include_selectors": ["a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a","a"]}""", "options.include_selectors and exclude_selectors may name at most 20 selectors each")]
    [InlineData("""{"delay_ms": 60001}""", "options.delay_ms must be from 0 to 60000 and less than the URL's timeout_ms (30000)")]
    [InlineData("""{"timeout_ms": 5000, "delay_ms": 5000}""", "options.delay_ms must be from 0 to 60000 and less than the URL's timeout_ms (5000)")]
    [InlineData("""{"wait_ms": -1}""", "options.wait_ms must be from 0 to less than the render's deadline (30000 ms)")]
    [InlineData("""{"timeout_ms": 5000, "wait_ms": 5000}""", "options.wait_ms must be from 0 to less than the render's deadline (5000 ms)")]
    public void Unknown_values_of_the_output_options_are_refused(string optionsJson, string expected)
    {
        var options = JsonSerializer.Deserialize(optionsJson, RipTideJsonContext.Default.CrawlOptions);

        Assert.False(Validator.TryValidate(new CrawlRequest(["https://example.com"], options), out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_request_becomes_a_plan_with_normalised_urls_and_defaults()
    {
        var ok = Validator.TryValidate(new CrawlRequest(["HTTP://Example.COM:80/a#frag"]), out var plan, out _);

        Assert.True(ok);
        Assert.NotNull(plan);
        var target = Assert.Single(plan.Targets);
        Assert.Equal("HTTP://Example.COM:80/a#frag", target.RequestedUrl);
        Assert.Equal("http://example.com/a", target.Url.AbsoluteUri);
        Assert.Equal(4, plan.Concurrency);
        Assert.Equal(CacheMode.ReadWrite, plan.CacheMode);
        Assert.Equal(TimeSpan.FromSeconds(30), plan.Timeout);
        Assert.Null(plan.CacheTtlOverride);
        Assert.True(plan.RespectRobots);
        Assert.Equal(new PageOutput(ExtractionModes.Article, RenderModes.Auto, IncludeHtml: false, IncludeMarkdown: true, CssSchema: null), plan.Output);
    }

    [Theory]
    [InlineData("enabled", CacheMode.ReadWrite)]
    [InlineData("read_write", CacheMode.ReadWrite)]
    [InlineData("read_only", CacheMode.ReadOnly)]
    [InlineData("write_only", CacheMode.WriteOnly)]
    [InlineData("bypass", CacheMode.Bypass)]
    [InlineData("disabled", CacheMode.Bypass)]
    public void Cache_modes_and_their_aliases_are_understood(string wire, CacheMode expected)
    {
        Assert.True(Validator.TryValidate(new CrawlRequest(["https://example.com"], new CrawlOptions(CacheMode: wire)), out var plan, out _));
        Assert.Equal(expected, plan.CacheMode);
    }

    [Theory]
    [InlineData("urls must contain between 1 and 3")]
    [InlineData("urls must contain between 1 and 3", "https://a.example", "https://b.example", "https://c.example", "https://d.example")]
    [InlineData("urls[1] is not an absolute http(s) URL", "https://a.example", "mailto:someone@example.com")]
    [InlineData("urls[0] is not an absolute http(s) URL", "/relative/path")]
    [InlineData("urls[0] must not contain credentials", "https://user:secret@example.com/")]
    [InlineData("urls[0] is empty", "  ")]
    [InlineData("urls[0] contains a control character", "https://a.example/\r\nHost: evil.example")]
    [InlineData("urls[0] contains a control character", "https://a.example/a\u0000b")]
    [InlineData("urls[0] contains a control character", "https://a.ex\tample/")]
    public void Bad_urls_are_named_by_index(string expected, params string[] urls)
    {
        var request = new CrawlRequest(urls);

        Assert.False(Validator.TryValidate(request, out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, null, "options.concurrency")]
    [InlineData(65, null, null, "options.concurrency")]
    [InlineData(null, "sometimes", null, "options.cache_mode")]
    [InlineData(null, null, 50, "options.timeout_ms")]
    public void Out_of_range_options_are_refused_not_defaulted(int? concurrency, string? cacheMode, int? timeoutMs, string expected)
    {
        var request = new CrawlRequest(["https://example.com"], new CrawlOptions(concurrency, cacheMode, TimeoutMs: timeoutMs));

        Assert.False(Validator.TryValidate(request, out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_urls_member_is_refused()
    {
        Assert.False(Validator.TryValidate(new CrawlRequest(null), out _, out var problem));
        Assert.Equal("urls is required.", problem);
    }
}
