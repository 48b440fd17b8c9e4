using System.Text;
using System.Text.Json;
using RipTide.Extractor.Extraction;
using RipTide.Sandbox;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Integration;

public sealed class WasmPoolTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JsonElement Parse(WasmResult result) => JsonDocument.Parse(result.Json).RootElement;

    /// <summary>A page that keeps the guest busy for a second or more: 23 MB of paragraphs.</summary>
    private static byte[] SlowPage() => HeavyPage(400_000);

    /// <summary>A well-formed page above the heavy-input threshold: long, but linear to extract.</summary>
    private static byte[] HeavyPage(int paragraphs) =>
        Utf8("<html><body><article>" + string.Concat(Enumerable.Repeat("<p>Tides follow the moon, and the sea follows the tides.</p>", paragraphs)) + "</article></body></html>");

    [Fact]
    public async Task The_module_extracts_title_text_markdown_and_absolute_links()
    {
        using var pool = Sandboxes.Pool();
        var json = await WasmExtractor.ExtractAsync(pool, TestPages.Article("w1"), new Uri("http://site.test/articles/w1"), ExtractionMode.Article, markdown: true, CancellationToken.None);
        var document = json.ToDocument();

        Assert.Equal(TestPages.ArticleTitle("w1"), document.Title);
        Assert.Contains(TestPages.ArticleParagraph1, document.Text, StringComparison.Ordinal);
        Assert.Contains(TestPages.ArticleParagraph2, document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPages.NavigationText, document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Copyright", document.Text, StringComparison.Ordinal);
        Assert.Contains("[Related reading](http://site.test/articles/related)", document.Markdown, StringComparison.Ordinal);
        Assert.Contains(document.Links, l => l.Url == "http://site.test/about");
        Assert.Contains(document.Media, m => m.Url == "http://site.test/images/tide.png" && m.Alt == "A tide chart");
        Assert.Equal("wasm", document.Extraction.Engine);
        Assert.True(document.Extraction.NodesProcessed > 10);
        Assert.True(document.Extraction.MemoryUsedBytes > 0);
        Assert.InRange(document.QualityScore, 0, 1);
    }

    [Fact]
    public async Task A_guest_past_its_deadline_is_interrupted_and_its_slot_replaced()
    {
        var options = Sandboxes.Defaults();
        options.DeadlineMs = 30;
        using var pool = Sandboxes.Pool(options);
        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => pool.ExtractAsync(SlowPage(), "http://site.test/", 0, CancellationToken.None));

        Assert.Equal(ExtractionFailureKind.Timeout, failure.Kind);
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w2")), "http://site.test/", 0, CancellationToken.None);
        Assert.Contains(TestPages.ArticleParagraph1, Parse(after).GetProperty("text").GetString(), StringComparison.Ordinal);
        var stats = pool.Stats();
        Assert.Equal(1, stats.Timeouts);
        Assert.Equal(1, stats.Failures);
        Assert.Equal(1, stats.Extractions);
    }

    [Fact]
    public async Task The_deadline_still_holds_after_the_pool_sat_idle()
    {
        // The epoch advances only when a budget stops: after an idle spell the next guest's deadline must still do so.
        var options = Sandboxes.Defaults();
        options.DeadlineMs = 30;
        using var pool = Sandboxes.Pool(options);
        await pool.ExtractAsync(Utf8(TestPages.Article("w6")), "http://site.test/", 0, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(100));

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => pool.ExtractAsync(SlowPage(), "http://site.test/", 0, CancellationToken.None));

        Assert.Equal(ExtractionFailureKind.Timeout, failure.Kind);
    }

    [Fact]
    public async Task A_guest_stopped_at_its_deadline_leaves_the_guest_beside_it_running()
    {
        // Stopping a guest advances the engine's epoch, which every running guest sees: each checks its own budget.
        var options = Sandboxes.Defaults();
        options.PoolSize = 4;
        options.DeadlineMs = 60_000;
        using var pool = Sandboxes.Pool(options);
        var beside = Task.Run(() => pool.ExtractAsync(SlowPage(), "http://site.test/beside", 0, CancellationToken.None));

        var stopped = await Assert.ThrowsAsync<ExtractionFailedException>(() => Task.Run(
            () => pool.ExtractAsync(SlowPage(), "http://site.test/stopped", 0, CancellationToken.None, budget: TimeSpan.FromMilliseconds(150))));

        Assert.Equal(ExtractionFailureKind.Timeout, stopped.Kind);
        Assert.Contains("Tides follow the moon", Parse(await beside).GetProperty("text").GetString(), StringComparison.Ordinal);
        var stats = pool.Stats();
        Assert.Equal(1, stats.Timeouts);
        Assert.Equal(1, stats.Extractions);
    }

    [Fact]
    public async Task A_budget_already_spent_times_out_without_running_the_guest()
    {
        using var pool = Sandboxes.Pool();

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(
            () => pool.ExtractAsync(Utf8(TestPages.Article("w9")), "http://site.test/", 0, CancellationToken.None, budget: TimeSpan.FromMilliseconds(-5)));

        Assert.Equal(ExtractionFailureKind.Timeout, failure.Kind);
        Assert.Equal(0, pool.Stats().Extractions);
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w9")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w9"), Parse(after).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_guest_over_its_memory_cap_fails_cleanly_and_the_pool_stays_healthy()
    {
        var options = Sandboxes.Defaults();
        options.MaxMemoryBytes = 16L * 1024 * 1024;
        using var pool = Sandboxes.Pool(options);
        var big = Utf8("<html><body>" + string.Concat(Enumerable.Repeat("<p>Many words in many paragraphs, again and again.</p>", 200_000)) + "</body></html>");

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => pool.ExtractAsync(big, "http://site.test/", 0, CancellationToken.None));

        Assert.Equal(ExtractionFailureKind.OutOfMemory, failure.Kind);
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w3")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w3"), Parse(after).GetProperty("title").GetString());
        Assert.Equal(1, pool.Stats().OutOfMemory);
    }

    [Fact]
    public async Task Input_over_the_size_cap_is_refused_before_the_guest_sees_it()
    {
        var options = Sandboxes.Defaults();
        options.MaxInputBytes = 1024;
        using var pool = Sandboxes.Pool(options);

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => pool.ExtractAsync(new byte[2048], "http://site.test/", 0, CancellationToken.None));

        Assert.Equal(ExtractionFailureKind.TooLarge, failure.Kind);
    }

    [Fact]
    public async Task Reset_under_load_recycles_every_slot_without_failing_calls_in_flight()
    {
        using var pool = Sandboxes.Pool();
        var page = Utf8(TestPages.Article("w4"));

        var calls = Enumerable.Range(0, 40).Select(_ => Task.Run(() => pool.ExtractAsync(page, "http://site.test/", 0, CancellationToken.None))).ToList();
        pool.Reset();
        var results = await Task.WhenAll(calls).WithinAsync(TimeSpan.FromMinutes(2), "the concurrent extractions");

        Assert.All(results, r => Assert.Contains(TestPages.ArticleParagraph1, Parse(r).GetProperty("text").GetString(), StringComparison.Ordinal));
        var stats = pool.Stats();
        Assert.Equal(1, stats.Resets);
        Assert.Equal(0, stats.Failures);
        Assert.True(stats.Recycles >= 1);
        Assert.Equal(40, stats.Extractions);
    }

    [Fact]
    public async Task Waiting_for_a_slot_honours_cancellation()
    {
        var options = Sandboxes.Defaults();
        options.PoolSize = 1;
        using var pool = Sandboxes.Pool(options);
        var slow = SlowPage();
        using var stopBusy = new CancellationTokenSource();
        var busy = Task.Run(() => pool.ExtractAsync(slow, "http://site.test/", 0, stopBusy.Token));
        Assert.True(await RipTide.Tests.App.Poll.UntilAsync(() => Task.FromResult(pool.Stats().InUse == 1), TimeSpan.FromSeconds(10)), "the slow call never took the slot");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.ExtractAsync(Utf8("<p>x</p>"), "http://site.test/", 0, cancel.Token));

        // The slow call still holds the slot; cancelling it stops its guest too.
        await stopBusy.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busy.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(pool.Stats().Waits >= 1);
        Assert.Equal(1, pool.Stats().Cancelled);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_tiny_calls_complete_or_are_refused_as_overloaded()
    {
        var options = Sandboxes.Defaults();
        options.MaxWaiting = 500;
        using var pool = Sandboxes.Pool(options);
        var tiny = Utf8("<p>tiny</p>");

        var calls = Enumerable.Range(0, 10_000).Select(_ => Task.Run(async () =>
        {
            try
            {
                await pool.ExtractAsync(tiny, "http://site.test/", 0, CancellationToken.None);
                return true;
            }
            catch (ExtractionFailedException failure) when (failure.Kind == ExtractionFailureKind.Overloaded)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(calls).WithinAsync(TimeSpan.FromMinutes(2), "the extractions");

        var stats = pool.Stats();
        Assert.Equal(outcomes.Count(o => o), stats.Extractions);
        Assert.Equal(outcomes.Count(o => !o), stats.Overloaded);
        Assert.True(stats.Extractions >= 500);
        Assert.Equal(0, stats.Failures);
        Assert.Equal(0, stats.InUse);
        var after = await pool.ExtractAsync(tiny, "http://site.test/", 0, CancellationToken.None);
        Assert.Contains("tiny", Parse(after).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random bytes")]
    [InlineData("invalid utf-8")]
    [InlineData("many attributes")]
    [InlineData("empty")]
    public async Task Hostile_input_ends_in_a_result_or_a_clear_error(string kind)
    {
        var options = Sandboxes.Defaults();
        options.DeadlineMs = 2000;
        using var pool = Sandboxes.Pool(options);
        var input = kind switch
        {
            "random bytes" => RandomBytes(1024 * 1024),
            "invalid utf-8" => [.. Utf8("<p>before "), 0xC3, 0x28, 0xFF, 0xFE, .. Utf8(" after</p>")],
            "many attributes" => Utf8("<div " + string.Join(' ', Enumerable.Range(0, 50_000).Select(i => $"a{i}=\"{i}\"")) + ">text</div>"),
            _ => [],
        };

        try
        {
            var document = Parse(await pool.ExtractAsync(input, "http://site.test/", 0, CancellationToken.None));
            Assert.Equal(JsonValueKind.String, document.GetProperty("text").ValueKind);
            if (kind == "invalid utf-8")
            {
                Assert.Contains("before", document.GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.Contains("after", document.GetProperty("text").GetString(), StringComparison.Ordinal);
            }
        }
        catch (ExtractionFailedException failure) when (kind == "many attributes")
        {
            // html5ever checks duplicate attributes pairwise: 50,000 of them may outlast the deadline.
            Assert.Equal(ExtractionFailureKind.Timeout, failure.Kind);
        }
        catch (ExtractionFailedException failure) when (kind == "random bytes")
        {
            // Random bytes hold many '<' followed by letters: unclosed tags nest until the page is refused.
            Assert.Equal(ExtractionFailureKind.TooComplex, failure.Kind);
        }

        var healthy = await pool.ExtractAsync(Utf8(TestPages.Article("w5")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w5"), Parse(healthy).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_callers_budget_shortens_the_deadline_and_cancellation_stops_the_guest()
    {
        var options = Sandboxes.Defaults();
        options.DeadlineMs = 60_000;
        using var pool = Sandboxes.Pool(options);
        var slow = SlowPage();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var timedOut = await Assert.ThrowsAsync<ExtractionFailedException>(
            () => pool.ExtractAsync(slow, "http://site.test/", 0, CancellationToken.None, budget: TimeSpan.FromMilliseconds(200)));
        Assert.Equal(ExtractionFailureKind.Timeout, timedOut.Kind);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.ExtractAsync(slow, "http://site.test/", 0, cancel.Token));

        // Both stopped long before the configured minute; generous, since this only guards against "ran to the end".
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var stats = pool.Stats();
        Assert.Equal(1, stats.Timeouts);
        Assert.Equal(1, stats.Cancelled);
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w8")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w8"), Parse(after).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("<div>")]
    [InlineData("<span>")]
    [InlineData("<table><tr><td>")]
    [InlineData("<b class=x><i>")]
    public async Task A_page_nested_too_deeply_is_refused_as_too_complex_and_the_slot_serves_on(string open)
    {
        var options = Sandboxes.Defaults();
        options.PoolSize = 1;
        using var pool = Sandboxes.Pool(options);
        var deep = Utf8(string.Concat(Enumerable.Repeat(open, 100_000)) + "deep");

        var failure = await Assert.ThrowsAsync<ExtractionFailedException>(() => pool.ExtractAsync(deep, "http://site.test/", 0, CancellationToken.None));

        Assert.Equal(ExtractionFailureKind.TooComplex, failure.Kind);
        Assert.Equal(1, pool.Stats().TooComplex);
        Assert.Equal(0, pool.Stats().Timeouts);
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w9")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w9"), Parse(after).GetProperty("title").GetString());
    }

    /// <summary>
    /// Fairness: a burst of large pages holds at most the heavy lane (half the pool), so an ordinary page
    /// is extracted while they still queue, not after them. An ordering, not a timing: it holds on any machine.
    /// </summary>
    [Fact]
    public async Task A_burst_of_large_pages_leaves_room_for_an_ordinary_one()
    {
        var options = Sandboxes.Defaults();
        options.PoolSize = 2;
        options.HeavyInputBytes = 256 * 1024;
        using var pool = Sandboxes.Pool(options);
        var heavy = HeavyPage(40_000);
        Assert.True(heavy.Length > options.HeavyInputBytes);
        Assert.Equal(1, pool.HeavyLaneSize);

        var burst = Enumerable.Range(0, 6).Select(_ => Task.Run(() => pool.ExtractAsync(heavy, "http://site.test/", 0, CancellationToken.None))).ToList();
        var ordinary = await pool.ExtractAsync(Utf8(TestPages.Article("w10")), "http://site.test/", 0, CancellationToken.None);

        Assert.Equal(TestPages.ArticleTitle("w10"), Parse(ordinary).GetProperty("title").GetString());
        Assert.Contains(burst, call => !call.IsCompleted);
        foreach (var call in burst)
        {
            Assert.True(Parse(await call.WithinAsync(TimeSpan.FromMinutes(2), "the large extraction")).GetProperty("word_count").GetInt32() > 100_000);
        }
    }

    [Fact]
    public async Task Trimming_an_idle_pool_replaces_the_slots_that_grew_and_keeps_the_others()
    {
        var options = Sandboxes.Defaults();
        options.PoolSize = 2;
        using var pool = Sandboxes.Pool(options);
        var fresh = pool.Stats().SlotMemoryBytes.Max();
        await pool.ExtractAsync(HeavyPage(40_000), "http://site.test/", 0, CancellationToken.None);
        Assert.True(pool.Stats().SlotMemoryBytes.Max() > 4 * fresh);

        Assert.Equal(1, pool.TrimIdle());

        Assert.All(pool.Stats().SlotMemoryBytes, bytes => Assert.True(bytes <= fresh, $"{bytes} > {fresh}"));
        Assert.Equal(0, pool.TrimIdle());
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w11")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w11"), Parse(after).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_50_mb_page_ends_in_a_result_or_a_clear_error_within_the_deadline()
    {
        var options = Sandboxes.Defaults();
        options.DeadlineMs = 5000;
        using var pool = Sandboxes.Pool(options);
        var paragraph = Utf8("<p>Tides follow the moon, and the sea follows the tides, day after day, year after year.</p>\n");
        var page = new byte[50 * 1024 * 1024];
        for (var offset = 0; offset + paragraph.Length <= page.Length; offset += paragraph.Length)
        {
            paragraph.CopyTo(page, offset);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var document = Parse(await pool.ExtractAsync(page, "http://site.test/", 0, CancellationToken.None));
            Assert.True(document.GetProperty("word_count").GetInt32() > 1_000_000);
        }
        catch (ExtractionFailedException failure)
        {
            Assert.Contains(failure.Kind, new[] { ExtractionFailureKind.Timeout, ExtractionFailureKind.OutOfMemory });
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        var after = await pool.ExtractAsync(Utf8(TestPages.Article("w7")), "http://site.test/", 0, CancellationToken.None);
        Assert.Equal(TestPages.ArticleTitle("w7"), Parse(after).GetProperty("title").GetString());
    }

    [Fact]
    public void A_corrupt_compiled_artifact_is_replaced_by_a_fresh_compilation()
    {
        var cache = Directory.CreateTempSubdirectory("riptide-wasm-cache-").FullName;
        try
        {
            using (Sandboxes.Pool(Sandboxes.Defaults(cache)))
            {
            }

            var artifact = Assert.Single(Directory.GetFiles(cache, "*.cwasm"));
            File.WriteAllBytes(artifact, Utf8("not a compiled module"));

            using var pool = Sandboxes.Pool(Sandboxes.Defaults(cache));

            Assert.NotEqual("not a compiled module", File.ReadAllText(artifact));
            Assert.Equal(2, pool.Stats().PoolSize);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_loadable_module_extraction_falls_back_to_anglesharp()
    {
        var options = Sandboxes.Defaults();
        options.ModulePath = "/nonexistent/riptide_guest.wasm";
        using var sandbox = Sandboxes.Sandbox(options);
        var service = new ExtractionService(sandbox, new AngleSharpExtractor(), new CssSchemaExtractor(), Sandboxes.Metrics());

        var document = (await service.ExtractAsync(TestPages.Article("w6"), new Uri("http://site.test/"), ExtractionMode.Article, markdown: true, CancellationToken.None)).ToDocument();

        Assert.Null(sandbox.Pool);
        Assert.Equal("fallback", document.Extraction.Engine);
        Assert.Equal(TestPages.ArticleTitle("w6"), document.Title);
    }

    [Fact]
    public async Task The_fallback_reports_the_pages_meta_tags_as_the_module_does()
    {
        // Property before name, keys trimmed and lower-cased, the first of a name winning, values collapsed and cut,
        // tags without a name or a value left out, and no more than 64 of them.
        var longValue = new string('v', 1_200);
        var many = string.Concat(Enumerable.Range(0, 80).Select(i => $"<meta name=\"extra-{i:00}\" content=\"{i}\">"));
        var html = $"""
            <html><head><title>Tags</title>
            <meta property=" OG:Title " name="ignored" content="  The   title ">
            <meta name="Description" content="First">
            <meta name="description" content="Second">
            <meta name="empty" content="   ">
            <meta content="no name">
            <meta name="long" content="{longValue}">
            {many}
            </head><body><p>Text.</p></body></html>
            """;
        using var pool = Sandboxes.Pool();

        var module = (await WasmExtractor.ExtractAsync(pool, html, new Uri("http://site.test/tags"), ExtractionMode.Article, markdown: false, CancellationToken.None)).ToDocument();
        var fallback = await new AngleSharpExtractor().ExtractAsync(html, new Uri("http://site.test/tags"), CancellationToken.None);

        Assert.NotNull(module.Meta);
        Assert.Equal("The title", module.Meta["og:title"]);
        Assert.Equal("First", module.Meta["description"]);
        Assert.Equal(1_000, module.Meta["long"].Length);
        Assert.Equal(64, module.Meta.Count);
        Assert.Equal(module.Meta.OrderBy(t => t.Key, StringComparer.Ordinal), fallback.Meta!.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
