using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>
/// Issue 19, items 2 and 10: extraction work is bounded and fair. A page nested too deeply is refused at once
/// (it used to run the guest to its deadline three times and answer 500), a crawl's deadline stops the guest,
/// a burst of large pages leaves room for ordinary ones, and the memory large pages grew is given back.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class ExtractionFairnessTests(AppHostFixture fixture)
{
    private static readonly string Deep = $"<html><body>{string.Concat(Enumerable.Repeat("<div>", 100_000))}deep</body></html>";

    [Fact]
    public async Task Deeply_nested_html_is_refused_as_too_complex_once_and_quickly()
    {
        var before = await PoolStatsAsync();
        var clock = Stopwatch.StartNew();

        using var response = await fixture.Gateway.PostAsJsonAsync("/extract", new { url = "https://deep.example/", html = Deep });
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(CrawlErrorTypes.TooComplex, problem.RootElement.GetProperty("error_type").GetString());
        // Generous: it took 30 s and more (three 10 s guest runs) before; BENCHMARKS.md has the measured figure.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var after = await PoolStatsAsync();
        Assert.Equal(before.TooComplex + 1, after.TooComplex);
        Assert.Equal(before.Timeouts, after.Timeouts);
    }

    [Fact]
    public async Task A_plain_extraction_is_served_while_hostile_and_large_pages_run()
    {
        var large = TestPages.LongArticle(60_000);
        var hostile = Enumerable.Range(0, 4)
            .Select(i => fixture.Gateway.PostAsJsonAsync("/extract", new { url = $"https://hostile.example/{i}", html = i % 2 == 0 ? Deep : large }))
            .ToList();

        using var plain = await fixture.Gateway.PostAsJsonAsync("/extract", new { url = "https://plain.example/", html = TestPages.Article("plain") });
        var document = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(TestPages.ArticleTitle("plain"), document.GetProperty("title").GetString());
        foreach (var call in hostile)
        {
            using var response = await call.WithinAsync(TimeSpan.FromMinutes(1), "a hostile extraction call");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{response.StatusCode}");
        }
    }

    /// <summary>
    /// A crawl's deadline reaches the guest: the slot is free again right after the answer, not at the guest's
    /// own deadline. A run counts only if the deadline fell while the guest ran (the pool counted a timeout or
    /// a cancellation); the deadlines tried fall between the fetch (about 0.1 s) and the extraction's end (1–3 s
    /// on these machines: 0.97–1.64 s through a lone Extractor here, so a 1.2 s deadline could miss it).
    /// </summary>
    [Fact]
    public async Task A_crawl_deadline_stops_the_guest_it_was_waiting_for()
    {
        var interrupted = 0;
        foreach (var timeoutMs in new[] { 700, 400, 900 })
        {
            var before = await PoolStatsAsync();
            var url = fixture.Site.Url($"/hostile/large/70000?{CrawlApi.UniqueSlug()}");

            var response = await fixture.Gateway.CrawlAsync(new CrawlRequest([url.AbsoluteUri], new CrawlOptions(CacheMode: "bypass", TimeoutMs: timeoutMs)));

            Assert.Equal(CrawlErrorTypes.Timeout, response.Results[0].Error?.Type);
            Assert.True(await Poll.UntilAsync(async () => (await PoolStatsAsync()).InUse == 0, TimeSpan.FromSeconds(5)),
                $"a slot was still busy 5 s after a {timeoutMs} ms deadline");
            var after = await PoolStatsAsync();
            interrupted += after.Timeouts + after.Cancelled > before.Timeouts + before.Cancelled ? 1 : 0;
        }

        Assert.True(interrupted > 0, "no deadline fell while the guest ran");
    }

    /// <summary>Item 10: slots grown by large pages are replaced by small fresh ones once the Extractor is idle.</summary>
    [Fact]
    public async Task Guest_memory_grown_by_large_pages_is_given_back_when_idle()
    {
        const long Grown = 32L * 1024 * 1024;
        const long Small = 8L * 1024 * 1024;
        // Ten 4 MB pages: each grows its slot to tens of megabytes (under the 128 MB at which a slot is
        // replaced at once), and together they allocate well over the 64 MB the trimmer waits for.
        var large = TestPages.LongArticle(30_000);
        for (var i = 0; i < 10; i++)
        {
            using var response = await fixture.Gateway.PostAsJsonAsync("/extract", new { url = $"https://large.example/{i}", html = large });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A fresh slot holds under 2 MB; one that extracted a 4 MB page, tens of megabytes.
        Assert.True((await PoolStatsAsync()).SlotMemoryBytes.Max() > Grown, "the large pages did not grow a slot");
        // The trimmer looks every 15 s and acts on the first quiet look.
        var shrunk = await Poll.UntilAsync(async () => (await PoolStatsAsync()).SlotMemoryBytes.Max() < Small, TimeSpan.FromSeconds(90));
        Assert.True(shrunk, "grown slots were not replaced while the Extractor was idle");
    }

    private async Task<WasmPoolStats> PoolStatsAsync() =>
        (await fixture.Gateway.GetFromJsonAsync("/admin/wasm/stats", RipTideJsonContext.Default.WasmPoolStats))!;
}
