using RipTide.Bench.Site;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Rendering;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>
/// Pages that need a browser, through the gateway (issue 22): the gate sends them to the Renderer, whose
/// Chromium runs their scripts with every request guarded; bounded, and recovering from a killed browser.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class RenderTests(AppHostFixture fixture)
{
    private static CrawlOptions Bypass(string? render = null, int? renderTimeoutMs = null, string? waitFor = null, int? scroll = null, bool? screenshot = null) =>
        new(CacheMode: CacheModes.Bypass, Render: render, RenderTimeoutMs: renderTimeoutMs, WaitFor: waitFor, Scroll: scroll, Screenshot: screenshot);

    private async Task<CrawlResult> CrawlOneAsync(string path, CrawlOptions options)
    {
        Assert.True(File.Exists(RendererProcesses.ChromiumPath),
            $"Rendering tests need Debian's chromium at {RendererProcesses.ChromiumPath}: run `apt-get install chromium` (scripts/test.sh does as root).");
        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest([fixture.Site.Url(path).AbsoluteUri], options));
        return Assert.Single(response.Results);
    }

    private static void AssertHasText(CrawlResult result, IEnumerable<string> paragraphs)
    {
        Assert.Null(result.Error);
        foreach (var paragraph in paragraphs)
        {
            Assert.Contains(paragraph, result.Document!.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Render_auto_renders_a_script_built_page_and_leaves_a_plain_article_static()
    {
        var slug = CrawlApi.UniqueSlug();
        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest(
            [fixture.Site.Url($"/render/delayed/{slug}").AbsoluteUri, fixture.Site.Url($"/articles/{slug}").AbsoluteUri], Bypass()));

        var rendered = response.Results[0];
        AssertHasText(rendered, RenderPages.Paragraphs(slug));
        Assert.Equal(RenderPages.Title(slug), rendered.Document!.Title);
        Assert.Equal(GateDecisions.Headless, rendered.GateDecision);
        Assert.Equal(RenderPaths.Headless, rendered.RenderPath);
        Assert.Null(rendered.GateEscalation);
        Assert.Equal(RenderReasons.ScriptBuilt, rendered.Render!.Reason);
        Assert.True(rendered.Render.RenderMs > 0);

        Assert.Equal(new CrawlRenderStatistics(Rendered: 1, Escalated: 0, Failed: 0, rendered.Render.RenderMs), response.Statistics.Renders);

        var plain = response.Results[1];
        Assert.Null(plain.Error);
        Assert.Equal(RenderPaths.Static, plain.RenderPath);
        Assert.Null(plain.Render);
    }

    [Fact]
    public async Task Wait_ms_reads_a_page_that_builds_itself_on_a_timer_after_settling()
    {
        var slug = CrawlApi.UniqueSlug();
        var path = $"/render/late/{slug}";

        var settled = await CrawlOneAsync(path, Bypass(render: RenderModes.Headless));
        var waited = await CrawlOneAsync(path, Bypass(render: RenderModes.Headless) with { WaitMs = LocalTestSite.LateRenderMs + 3000 });

        Assert.DoesNotContain(RenderPages.Paragraphs(slug)[0], settled.Document!.Text, StringComparison.Ordinal);
        AssertHasText(waited, RenderPages.Paragraphs(slug));
        Assert.True(waited.Render!.RenderMs >= LocalTestSite.LateRenderMs + 3000, $"The render took {waited.Render.RenderMs} ms.");
    }

    [Fact]
    public async Task A_static_probe_that_finds_too_little_is_escalated_to_the_browser()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/render/thin/{slug}", Bypass());

        AssertHasText(result, RenderPages.Paragraphs(slug));
        Assert.Equal(GateDecisions.ProbesFirst, result.GateDecision);
        Assert.Equal(GateEscalations.PoorQuality, result.GateEscalation);
        Assert.Equal(RenderPaths.Headless, result.RenderPath);
        Assert.Equal(RenderReasons.PoorQuality, result.Render!.Reason);
    }

    [Fact]
    public async Task A_rendered_result_is_cached_under_its_render_mode_and_served_from_the_cache_with_its_text()
    {
        var slug = CrawlApi.UniqueSlug();
        var url = fixture.Site.Url($"/render/delayed/{slug}").AbsoluteUri;

        var first = (await fixture.Gateway.CrawlAsync(new CrawlRequest([url]))).Results[0];
        var second = (await fixture.Gateway.CrawlAsync(new CrawlRequest([url]))).Results[0];
        var otherVariant = (await fixture.Gateway.CrawlAsync(new CrawlRequest([url], new CrawlOptions(Render: RenderModes.Static)))).Results[0];

        Assert.Equal(RenderPaths.Headless, first.RenderPath);
        Assert.Equal(CacheStatuses.Hit, second.CacheStatus);
        AssertHasText(second, RenderPages.Paragraphs(slug));
        Assert.Equal(CacheStatuses.Miss, otherVariant.CacheStatus);
        Assert.DoesNotContain(RenderPages.Paragraphs(slug)[0], otherVariant.Document!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_static_never_renders_and_the_static_html_has_none_of_the_text()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/render/delayed/{slug}", Bypass(RenderModes.Static));

        Assert.Null(result.Error);
        Assert.Equal(RenderPaths.Static, result.RenderPath);
        Assert.Null(result.Render);
        Assert.DoesNotContain(RenderPages.Paragraphs(slug)[0], result.Document!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_fetched_by_xhr_from_a_json_endpoint_is_rendered()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/render/xhr/{slug}", Bypass());

        AssertHasText(result, RenderPages.Paragraphs(slug));
        Assert.Equal(1, result.Render!.Requests);
        Assert.Empty(result.Render.Refused);
    }

    [Fact]
    public async Task An_infinite_list_grows_with_each_scroll_step_asked_for()
    {
        var slug = CrawlApi.UniqueSlug();
        var lastPage = RenderPages.Items(slug, RenderPages.InfinitePages);

        var unscrolled = await CrawlOneAsync($"/render/infinite/{slug}", Bypass(RenderModes.Headless, waitFor: "li"));
        var scrolled = await CrawlOneAsync($"/render/infinite/{slug}", Bypass(RenderModes.Headless, waitFor: "li", scroll: 10));

        AssertHasText(unscrolled, RenderPages.Items(slug, 1));
        Assert.DoesNotContain(lastPage[0], unscrolled.Document!.Text, StringComparison.Ordinal);
        AssertHasText(scrolled, Enumerable.Range(1, RenderPages.InfinitePages).SelectMany(page => RenderPages.Items(slug, page)));
        Assert.Equal(RenderReasons.Requested, scrolled.Render!.Reason);
    }

    [Fact]
    public async Task Requests_a_page_makes_to_internal_addresses_are_refused_and_recorded_and_the_rest_is_rendered()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/render/inside/{slug}", Bypass());

        AssertHasText(result, RenderPages.Paragraphs(slug));
        var refused = result.Render!.Refused;
        Assert.Contains(refused, r => r.Url.StartsWith("http://169.254.169.254/", StringComparison.Ordinal) && r.Reason == RefusalReasons.BlockedAddress);
        Assert.Contains(refused, r => r.Url.StartsWith("http://10.1.2.3/", StringComparison.Ordinal) && r.Reason == RefusalReasons.BlockedAddress);
        // The image is not fetched at all: images are blocked before any address is looked at.
        Assert.DoesNotContain(refused, r => r.Url.Contains("192.168.1.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_a_hostile_server_answers_a_rendered_pages_requests_is_refused_per_request_no_socket_or_image_leaves_and_the_page_still_renders()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/render/hostile/{slug}", Bypass());

        AssertHasText(result, RenderPages.Paragraphs(slug));
        var refused = result.Render!.Refused;
        Assert.Contains(refused, r => r.Url == "file:///etc/passwd" && r.Reason == RefusalReasons.UnsupportedScheme);
        Assert.Contains(refused, r => r.Url.StartsWith("http://169.254.169.254/", StringComparison.Ordinal) && r.Reason == RefusalReasons.BlockedAddress);
        Assert.Contains(refused, r => r.Url.EndsWith("/huge", StringComparison.Ordinal) && r.Reason == RefusalReasons.Budget);
        // Nothing leaves the browser on its own: the WebSocket dies at the dead proxy, the image is blocked.
        Assert.Empty(fixture.Site.Arrivals($"/render/ws-probe/{slug}"));
        Assert.Empty(fixture.Site.Arrivals($"/render/img-probe/{slug}"));
    }

    [Fact]
    public async Task A_page_that_never_finishes_loading_ends_at_its_render_deadline_with_a_clean_error()
    {
        var slug = CrawlApi.UniqueSlug();
        var abandonedBefore = fixture.Site.Abandoned("/render/never.js");

        var result = await CrawlOneAsync($"/render/never/{slug}", Bypass(renderTimeoutMs: 2_000) with { TimeoutMs = 20_000 });

        Assert.NotNull(result.Error);
        Assert.Equal(CrawlErrorTypes.Timeout, result.Error.Type);
        Assert.True(result.Error.Retryable);
        Assert.Equal(RenderPaths.Headless, result.RenderPath);
        Assert.True(result.ProcessingTimeMs < 15_000, $"took {result.ProcessingTimeMs} ms");
        // The request that never ended was dropped with its page, not left open.
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(fixture.Site.Abandoned("/render/never.js") > abandonedBefore), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_page_whose_script_never_yields_ends_at_its_deadline_and_the_browser_renders_the_next_page()
    {
        var slug = CrawlApi.UniqueSlug();

        var spinning = await CrawlOneAsync($"/render/spin/{slug}", Bypass(RenderModes.Headless, renderTimeoutMs: 2_000) with { TimeoutMs = 20_000 });
        var next = await CrawlOneAsync($"/render/delayed/{slug}", Bypass());

        Assert.Equal(CrawlErrorTypes.Timeout, spinning.Error!.Type);
        Assert.True(spinning.ProcessingTimeMs < 15_000, $"took {spinning.ProcessingTimeMs} ms");
        AssertHasText(next, RenderPages.Paragraphs(slug));
    }

    [Fact]
    public async Task Dialogs_are_dismissed_and_a_window_the_page_opens_is_refused_without_being_fetched()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/render/dialogs/{slug}", Bypass());

        AssertHasText(result, RenderPages.Paragraphs(slug));
        Assert.Contains(result.Render!.Refused, r => r.Url.EndsWith($"/articles/popup-{slug}", StringComparison.Ordinal) && r.Reason == RefusalReasons.Navigation);
        Assert.Empty(fixture.Site.Arrivals($"/articles/popup-{slug}"));
    }

    [Fact]
    public async Task Wait_for_waits_for_its_selector_and_one_that_never_appears_ends_at_the_deadline()
    {
        var slug = CrawlApi.UniqueSlug();

        var found = await CrawlOneAsync($"/render/delayed/{slug}", Bypass(waitFor: "article p"));
        var missing = await CrawlOneAsync($"/render/delayed/{slug}", Bypass(waitFor: "#not-on-this-page", renderTimeoutMs: 1_500));

        AssertHasText(found, RenderPages.Paragraphs(slug));
        Assert.Equal(CrawlErrorTypes.Timeout, missing.Error!.Type);
    }

    [Fact]
    public async Task A_screenshot_is_a_png_taken_now_never_served_from_the_cache()
    {
        var slug = CrawlApi.UniqueSlug();

        var result = await CrawlOneAsync($"/articles/{slug}", new CrawlOptions(Screenshot: true));

        Assert.Null(result.Error);
        Assert.Equal(CacheStatuses.Bypass, result.CacheStatus);
        Assert.Equal(RenderReasons.Requested, result.Render!.Reason);
        var png = Convert.FromBase64String(result.Render.Screenshot!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task Chromium_killed_mid_render_fails_that_render_retryably_and_the_next_render_gets_a_new_browser()
    {
        var slug = CrawlApi.UniqueSlug();
        var isRenderer = fixture.ServiceEnvironment(ResourceNames.Renderer);
        var pending = CrawlOneAsync($"/render/never/{slug}", Bypass(renderTimeoutMs: 30_000) with { TimeoutMs = 40_000 });
        var arrivals = fixture.Site.Arrivals("/render/never.js").Count;
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(fixture.Site.Arrivals("/render/never.js").Count > arrivals), TimeSpan.FromSeconds(20)),
            "the render never asked for its script");

        Assert.True(RendererProcesses.Kill(RendererProcesses.Browsers(isRenderer)) >= 1, "no browser of this run's Renderer was found");

        var killed = await pending;
        Assert.Equal(CrawlErrorTypes.RenderFailed, killed.Error!.Type);
        Assert.True(killed.Error.Retryable);
        Assert.True(killed.ProcessingTimeMs < 25_000, $"took {killed.ProcessingTimeMs} ms");

        var next = await CrawlOneAsync($"/render/delayed/{slug}", Bypass());
        AssertHasText(next, RenderPages.Paragraphs(slug));
    }

    [Fact]
    public async Task No_chromium_process_outlives_a_killed_renderer_and_a_restarted_one_renders_again()
    {
        var isRenderer = fixture.ServiceEnvironment(ResourceNames.Renderer);
        await CrawlOneAsync($"/render/delayed/{CrawlApi.UniqueSlug()}", Bypass());
        Assert.NotEmpty(RendererProcesses.Browsers(isRenderer));

        // SIGKILL, no shutdown: what the AppHost's own stop does to it too. Playwright's driver sees its parent
        // gone and closes the browsers.
        await fixture.KillServiceAsync(ResourceNames.Renderer);
        try
        {
            Assert.True(await Poll.UntilAsync(() => Task.FromResult(RendererProcesses.Browsers(isRenderer).Count == 0), TimeSpan.FromSeconds(30)),
                $"Chromium processes left: {string.Join(", ", RendererProcesses.Browsers(isRenderer))}");
        }
        finally
        {
            await fixture.StartResourceAsync(ResourceNames.Renderer);
        }

        var again = await CrawlOneAsync($"/render/delayed/{CrawlApi.UniqueSlug()}", Bypass());
        Assert.Equal(RenderPaths.Headless, again.RenderPath);
        Assert.Null(again.Error);
    }
}
