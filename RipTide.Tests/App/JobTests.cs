using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>Crawl jobs through the gateway on sites of the test's own: what is crawled, once, in which order.</summary>
[Collection(WholeApp.Name)]
public sealed class JobTests(AppHostFixture fixture)
{
    private static CrawlOptions Fast => new(Concurrency: 4, CacheMode: "bypass", TimeoutMs: 10_000);

    [Fact]
    public async Task A_spider_crawls_a_whole_site_once_skipping_robots_scope_and_duplicates_and_reports_broken_links()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 15, Orphans: 3, Extras: true));
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(), Fast));

        var status = await fixture.Gateway.WaitForJobAsync(job.Id);
        var results = await fixture.Gateway.AllResultsAsync(job.Id);

        Assert.Equal(JobStatuses.Completed, status.Status);
        // Every page of the tree (home once, though it is linked everywhere and in the sitemap), every orphan
        // from the gzip sitemap behind the index, and the broken link as a failed result.
        string[] expected = [.. Enumerable.Range(1, 14).Select(n => $"/p/{n}"), "/", "/orphan/0", "/orphan/1", "/orphan/2", "/missing/page"];
        var delivered = results.Select(r => new Uri(r.FinalUrl ?? r.Url).AbsolutePath).ToList();
        Assert.Equal(expected.Order(), delivered.Order());
        Assert.Equal(CrawlErrorTypes.HttpError, Assert.Single(results, r => r.Url.EndsWith("/missing/page", StringComparison.Ordinal)).ErrorType);
        Assert.Equal(404, Assert.Single(results, r => r.Url.EndsWith("/missing/page", StringComparison.Ordinal)).Status);
        Assert.Equal(18, status.Counts.Succeeded);
        Assert.Equal(1, status.Counts.Failed);
        Assert.Equal(0, status.Counts.Queued);

        // Nothing robots.txt disallows was fetched, nothing on the other host name either, and no page twice.
        Assert.DoesNotContain(site.Requests, path => path.StartsWith("/private/", StringComparison.Ordinal));
        // (/p/1 may be fetched a second time as the end of /moved/1's redirect: only the fetch tells where a redirect goes.)
        var twice = site.PageRequests.GroupBy(path => path).Where(group => group.Count() > 1).Select(group => group.Key);
        Assert.True(twice.All(path => path == "/p/1"), $"fetched more than once: {string.Join(", ", twice)}");
        Assert.True(status.Counts.Skipped[SkipReasons.Robots] >= 1, "the /private/ link is counted as skipped by robots");
        Assert.True(status.Counts.Skipped[SkipReasons.Scope] >= 1, "the other host name is counted as out of scope");
        // The redirect to /p/1 and the page whose canonical URL is /p/2 duplicate pages crawled anyway.
        Assert.True(status.Counts.Skipped[SkipReasons.Duplicate] >= 2);

        // Depth and origin: each tree page was found on its parent (or is the seed).
        var page5 = Assert.Single(results, r => r.Url.EndsWith("/p/5", StringComparison.Ordinal));
        Assert.Equal(2, page5.Depth);
        Assert.EndsWith("/p/2", page5.DiscoveredFrom, StringComparison.Ordinal);
        Assert.Equal("Page 5", page5.Title);
        var home = Assert.Single(results, r => new Uri(r.Url).AbsolutePath == "/");
        Assert.Equal(0, home.Depth);
        Assert.Null(home.DiscoveredFrom);
    }

    [Fact]
    public async Task Max_depth_and_max_pages_are_exact()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 40, Branching: 3));

        var shallow = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(MaxDepth: 1, Sitemap: SitemapModes.Skip), Fast));
        var shallowStatus = await fixture.Gateway.WaitForJobAsync(shallow.Id);
        var shallowResults = await fixture.Gateway.AllResultsAsync(shallow.Id);
        Assert.Equal(["/", "/p/1", "/p/2", "/p/3"], shallowResults.Select(r => new Uri(r.Url).AbsolutePath).Order());
        Assert.True(shallowStatus.Counts.Skipped[SkipReasons.Depth] >= 9, "the nine depth-2 pages are skipped by depth");

        var budget = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(MaxPages: 7, Sitemap: SitemapModes.Skip), Fast));
        var budgetStatus = await fixture.Gateway.WaitForJobAsync(budget.Id);
        var budgetResults = await fixture.Gateway.AllResultsAsync(budget.Id);
        Assert.Equal(7, budgetResults.Count);
        Assert.Equal(7, budgetStatus.Counts.Crawled);
        Assert.True(budgetStatus.Counts.Skipped[SkipReasons.Budget] > 0);
        Assert.Equal(budgetResults.Count, budgetResults.Select(r => r.Url).Distinct().Count());
    }

    [Fact]
    public async Task Include_and_exclude_patterns_and_scope_decide_which_links_are_followed()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 15));
        var spider = new SpiderOptions(Include: ["/p/*"], Exclude: ["re:^/p/1[0-4]$", "/p/2"], Sitemap: SitemapModes.Skip);

        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], spider, Fast));
        await fixture.Gateway.WaitForJobAsync(job.Id);
        var paths = (await fixture.Gateway.AllResultsAsync(job.Id)).Select(r => new Uri(r.Url).AbsolutePath).Order();

        // The seed is always crawled; /p/2 is excluded and so are its children (5, 6 and theirs); 10–14 by the regex.
        Assert.Equal(["/", "/p/1", "/p/3", "/p/4", "/p/7", "/p/8", "/p/9"], paths);

        // Scope any: the other host name of the same server is followed too (its pages are new URLs).
        var anyJob = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/p/13").AbsoluteUri], new SpiderOptions(Scope: SpiderScopes.Any, MaxDepth: 1, Sitemap: SitemapModes.Skip), Fast));
        await fixture.Gateway.WaitForJobAsync(anyJob.Id);
        var hosts = (await fixture.Gateway.AllResultsAsync(anyJob.Id)).Select(r => new Uri(r.Url).Host).Distinct().Order();
        Assert.Equal(["127.0.0.1", "localhost"], hosts);
    }

    [Theory]
    [InlineData(SitemapModes.Include)]
    [InlineData(SitemapModes.Only)]
    [InlineData(SitemapModes.Skip)]
    public async Task Every_sitemap_mode_is_exact(string mode)
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 7, Orphans: 2));
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(Sitemap: mode), Fast));
        await fixture.Gateway.WaitForJobAsync(job.Id);
        var paths = (await fixture.Gateway.AllResultsAsync(job.Id)).Select(r => new Uri(r.Url).AbsolutePath).Order().ToList();

        string[] tree = ["/", .. Enumerable.Range(1, 6).Select(n => $"/p/{n}")];
        string[] orphans = ["/orphan/0", "/orphan/1"];
        string[] expected = mode switch
        {
            SitemapModes.Include => [.. tree, .. orphans],
            SitemapModes.Only => ["/", .. orphans],
            _ => tree,
        };
        Assert.Equal(expected.Order(), paths);
        Assert.Equal(mode != SitemapModes.Skip, site.Requests.Contains("/sitemap-pages.xml.gz"));
        // Its sitemaps come from the robots.txt each copy already holds for the rules: never asked for again.
        Assert.InRange(site.Requests.Count(path => path == "/robots.txt"), 1, AppHostFixture.ApiReplicas);
    }

    [Fact]
    public async Task Bfs_dfs_and_best_first_take_pages_in_their_order()
    {
        // One page in flight per Api copy: the order of arrivals at the site is the order the frontier gave.
        var options = Fast with { Concurrency = 1 };
        var shape = new SpiderSite.Shape(Pages: 40, Branching: 3, Golden: "golden treasure");

        await using var bfsSite = await SpiderSite.StartAsync(shape);
        var bfs = await fixture.Gateway.SubmitJobAsync(new JobRequest([bfsSite.Url("/").AbsoluteUri], new SpiderOptions(Strategy: SpiderStrategies.Bfs, Sitemap: SitemapModes.Skip), options));
        await fixture.Gateway.WaitForJobAsync(bfs.Id);
        var bfsDepths = Depths(bfsSite);
        // Breadth first: depth falls back at most where a level ends (the other copy's page may arrive a moment early).
        Assert.True(Inversions(bfsDepths) <= 2, $"bfs depths in arrival order: {string.Join(",", bfsDepths)}");

        await using var dfsSite = await SpiderSite.StartAsync(shape);
        var dfs = await fixture.Gateway.SubmitJobAsync(new JobRequest([dfsSite.Url("/").AbsoluteUri], new SpiderOptions(Strategy: SpiderStrategies.Dfs, Sitemap: SitemapModes.Skip), options));
        await fixture.Gateway.WaitForJobAsync(dfs.Id);
        var dfsDepths = Depths(dfsSite);
        // Depth first: the newest page's links go first, so deeper pages come before the last of the first level.
        Assert.True(Inversions(dfsDepths) >= 5, $"dfs depths in arrival order: {string.Join(",", dfsDepths)}");

        await using var bestSite = await SpiderSite.StartAsync(shape);
        var best = await fixture.Gateway.SubmitJobAsync(new JobRequest([bestSite.Url("/").AbsoluteUri],
            new SpiderOptions(Strategy: SpiderStrategies.BestFirst, Keywords: ["treasure"], Sitemap: SitemapModes.Skip), options));
        await fixture.Gateway.WaitForJobAsync(best.Id);
        var arrivals = bestSite.Requests.Where(path => path is "/" or "/golden" || path.StartsWith("/p/", StringComparison.Ordinal)).ToList();
        // The keyword is only in the last link's text on the home page: best_first takes it next (or next but one).
        Assert.InRange(arrivals.IndexOf("/golden"), 1, 2);
        var bfsArrivals = bfsSite.Requests.Where(path => path is "/" or "/golden" || path.StartsWith("/p/", StringComparison.Ordinal)).ToList();
        Assert.True(bfsArrivals.IndexOf("/golden") >= 3, "bfs takes the golden link after the home page's other links");
    }

    [Fact]
    public async Task Results_are_paged_with_the_cursor_and_a_batch_job_crawls_exactly_its_urls()
    {
        var urls = Enumerable.Range(0, 12).Select(_ => fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri).ToList();
        urls.Add(urls[0]);
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest(urls, Options: Fast));
        var status = await fixture.Gateway.WaitForJobAsync(job.Id);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (page, next) = await fixture.Gateway.ResultsPageAsync(job.Id, cursor, limit: 5);
            Assert.True(page.Count <= 5);
            seen.AddRange(page.Select(r => r.Url));
            cursor = next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(urls.Distinct().Order(), seen.Order());
        Assert.Equal("batch", status.Kind);
        Assert.Equal(12, status.Counts.Succeeded);
        Assert.Equal(1, status.Counts.Skipped[SkipReasons.Duplicate]);
    }

    [Fact]
    public async Task A_job_on_a_host_with_a_crawl_delay_crawls_every_page_however_many_are_in_flight()
    {
        // Crawl-delay: 1 on the polite site: eight pages take about eight seconds, however many are in flight. Queued
        // for the host's turns inside the crawl, each page waited against its own 4 s deadline, and the later ones
        // failed as rate_limited; a job keeps one page per copy in that queue and the rest wait outside it.
        await CrawlsThePoliteSiteWithoutFailuresAsync(pages: 8, concurrency: 8, timeoutMs: 4_000);
    }

    [Fact]
    public async Task A_pages_timeout_counts_from_its_turn_so_copies_taking_turns_at_a_paced_host_fail_nothing()
    {
        // Crawl-delay: 1, two copies, each with its page waiting for the host: a copy's next page waits for the other
        // copy's turn as well, nearly two seconds. Counted against a 1.5 s timeout, those waits failed the pages as
        // rate_limited; a job's page now has its timeout from its turn on.
        await CrawlsThePoliteSiteWithoutFailuresAsync(pages: 6, concurrency: 4, timeoutMs: 1_500);
    }

    /// <summary>A job of <paramref name="pages"/> pages of the polite site: every one succeeds, a Crawl-delay apart.</summary>
    private async Task CrawlsThePoliteSiteWithoutFailuresAsync(int pages, int concurrency, int timeoutMs)
    {
        var prefix = $"/articles/{CrawlApi.UniqueSlug()}";
        var urls = Enumerable.Range(0, pages).Select(i => fixture.PoliteSite.Url($"{prefix}-{i}").AbsoluteUri).ToList();

        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest(urls, Options: new CrawlOptions(Concurrency: concurrency, CacheMode: "bypass", TimeoutMs: timeoutMs)));
        var status = await fixture.Gateway.WaitForJobAsync(job.Id);

        Assert.Equal(JobStatuses.Completed, status.Status);
        Assert.Equal(pages, status.Counts.Succeeded);
        Assert.Equal(0, status.Counts.Failed);
        var arrivals = fixture.PoliteSite.Arrivals(prefix);
        Assert.Equal(pages, arrivals.Count);
        Assert.All(arrivals.Zip(arrivals.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(800), $"gap {gap.TotalMilliseconds} ms"));
    }

    [Fact]
    public async Task Pages_waiting_for_a_paced_host_leave_the_jobs_slots_to_its_other_hosts()
    {
        // Eight pages of the polite site (Crawl-delay: 1) come first in the frontier, then six of another host, two
        // pages in flight per copy. Waiting for their turns in the job's slots, the polite pages held the whole job to
        // the polite site's pace until the last of them was claimed (the other host's first page arrived after the
        // polite site's fifth); waiting aside, they leave the slots to the other host at once.
        var slug = CrawlApi.UniqueSlug();
        var slow = Enumerable.Range(0, 8).Select(i => fixture.PoliteSite.Url($"/articles/{slug}-slow-{i}").AbsoluteUri);
        var fast = Enumerable.Range(0, 6).Select(i => fixture.Site.Url($"/articles/{slug}-fast-{i}").AbsoluteUri);

        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([.. slow, .. fast], Options: new CrawlOptions(Concurrency: 2, CacheMode: "bypass", TimeoutMs: 20_000)));
        var status = await fixture.Gateway.WaitForJobAsync(job.Id);

        Assert.Equal(JobStatuses.Completed, status.Status);
        Assert.Equal(14, status.Counts.Succeeded);
        var slowArrivals = fixture.PoliteSite.Arrivals($"/articles/{slug}-slow-");
        var fastArrivals = fixture.Site.Arrivals($"/articles/{slug}-fast-");
        Assert.Equal(8, slowArrivals.Count);
        Assert.Equal(6, fastArrivals.Count);
        Assert.True(fastArrivals.Max() < slowArrivals[2],
            $"the other host's pages arrived {(fastArrivals.Max() - slowArrivals[0]).TotalMilliseconds:0} ms after the polite site's first, its third {(slowArrivals[2] - slowArrivals[0]).TotalMilliseconds:0} ms after");
    }

    private static List<int> Depths(SpiderSite site) =>
        [.. site.PageRequests.Select(path => path == "/" ? 0 : SpiderSite.DepthOf(int.Parse(path["/p/".Length..], System.Globalization.CultureInfo.InvariantCulture), site.Layout.Branching))];

    /// <summary>How many pages arrived after a deeper one had already arrived.</summary>
    private static int Inversions(List<int> depths)
    {
        var inversions = 0;
        var deepest = 0;
        foreach (var depth in depths)
        {
            if (depth < deepest)
            {
                inversions++;
            }

            deepest = Math.Max(deepest, depth);
        }

        return inversions;
    }
}
