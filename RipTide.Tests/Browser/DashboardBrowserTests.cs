using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Metrics;
using RipTide.Tests.App;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Browser;

/// <summary>
/// The dashboard as an operator uses it: in headless Chromium against the whole app, with traffic
/// generated through the gateway while the page is open.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class DashboardBrowserTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan ChangeWait = TimeSpan.FromSeconds(30);
    private BrowserSession? _browser;

    private BrowserSession Browser => _browser!;

    private Uri DashboardUrl(string path = "/") => new(fixture.DashboardUrl, path);

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task Overview_kpis_and_charts_change_under_load()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl(), fixture.AdminKey);
        await WaitForTextAsync(page.GetByTestId("replica-count"), text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) >= AppHostFixture.ApiReplicas + 1);
        var throughput = page.Locator("[data-kpi='Throughput'] [data-testid=kpi-value]");
        var throughputChart = page.Locator("[data-chart=throughput]");
        var kpiBefore = await throughput.InnerTextAsync();
        var chartBefore = await throughputChart.InnerHTMLAsync();

        using var traffic = new CancellationTokenSource();
        var load = GenerateTrafficAsync(traffic.Token);
        try
        {
            await WaitForTextAsync(throughput, text => text != kpiBefore && !text.StartsWith("0.0 ", StringComparison.Ordinal));
            await WaitForAsync(async () => await throughputChart.Locator("svg path").CountAsync() > 0 && await throughputChart.InnerHTMLAsync() != chartBefore);
            await WaitForAsync(async () => await page.GetByTestId("recent-crawl").CountAsync() > 0);
            Assert.Contains(fixture.Site.Url("/articles/").AbsoluteUri, await page.GetByTestId("recent-crawl").First.InnerTextAsync(), StringComparison.Ordinal);
            // The screenshot in README: load until the recent-crawls table is full and the latency and extraction
            // charts have drawn it too.
            await WaitForAsync(async () => await page.GetByTestId("recent-crawl").CountAsync() >= RipTide.Dashboard.Components.Panels.RecentCrawlsPanel.MaxRows);
            await WaitForAsync(async () => await page.Locator("[data-chart=latency] svg path").CountAsync() > 0
                && await page.Locator("[data-chart=extraction] svg path").CountAsync() > 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-overview.png"), FullPage = true });
        }
        finally
        {
            await traffic.CancelAsync();
            await load.WithinAsync(TimeSpan.FromSeconds(60), "the traffic generator stopping");
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Reset_recycles_the_extractor_pool_after_confirmation()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl(), fixture.AdminKey);
        var resets = page.Locator("[data-testid=pool-panel] [data-counter=resets]").First;
        await resets.WaitForAsync();
        var before = long.Parse(await resets.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reset the extractor pool" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm reset" }).ClickAsync();

        await WaitForTextAsync(page.GetByTestId("pool-outcome"), text => text.StartsWith("Pool reset", StringComparison.Ordinal));
        await WaitForTextAsync(resets, text => long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) > before);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_renderer_panel_shows_its_browsers_and_counts_each_render()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl(), fixture.AdminKey);
        var renders = page.Locator("[data-testid=renderer-panel] [data-counter=renders]").First;
        await renders.WaitForAsync();
        var before = long.Parse(await renders.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var request = new CrawlRequest([fixture.Site.Url($"/render/delayed/{CrawlApi.UniqueSlug()}").AbsoluteUri], new CrawlOptions(CacheMode: CacheModes.Bypass));
        Assert.Equal(RenderPaths.Headless, (await fixture.Gateway.CrawlAsync(request)).Results[0].RenderPath);

        await WaitForTextAsync(renders, text => long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) > before);
        var browsers = page.Locator("[data-testid=renderer-panel] [data-counter=browsers]").First;
        await WaitForTextAsync(browsers, text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await WaitForTextAsync(page.Locator("[data-testid=renderer-panel] [data-counter=browser-memory]").First, text => text != "0 MB");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Try_a_crawl_renders_streamed_results()
    {
        var slugs = Enumerable.Range(0, 3).Select(_ => CrawlApi.UniqueSlug()).ToList();
        var (page, errors) = await Browser.OpenAsync(DashboardUrl("/try"), fixture.AdminKey);

        await page.GetByLabel("URLs (one per line").FillAsync(string.Join('\n', slugs.Select(slug => fixture.Site.Url($"/articles/{slug}").AbsoluteUri)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Crawl", Exact = true }).ClickAsync();

        await WaitForTextAsync(page.GetByTestId("crawl-progress"), text => text.StartsWith("3 of 3 done ·", StringComparison.Ordinal));
        var titles = await page.GetByTestId("result-title").AllInnerTextsAsync();
        Assert.Equal(slugs.Select(TestPages.ArticleTitle).Order(), titles.Order());
        Assert.Equal(3, await page.Locator("[data-testid=crawl-result] details summary").CountAsync()); // a markdown preview each
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Jobs_shows_a_running_jobs_progress_its_newest_pages_and_skip_reasons_and_cancels_it()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 200, Branching: 3, LatencyMs: 300));
        // Submitted with the client key: the page lists every caller's jobs, not only the dashboard's own.
        using var client = fixture.GatewayClient(fixture.ClientKey);
        var job = await client.SubmitJobAsync(new RipTide.Contracts.Jobs.JobRequest([site.Url("/").AbsoluteUri],
            new RipTide.Contracts.Jobs.SpiderOptions(Sitemap: "skip"), new CrawlOptions(Concurrency: 1, CacheMode: CacheModes.Bypass)));
        try
        {
            var (page, errors) = await Browser.OpenAsync(DashboardUrl("/jobs"), fixture.AdminKey);
            var row = page.Locator($"[data-testid=job-row][data-job='{job.Id}']");
            await WaitForAsync(async () => await row.CountAsync() == 1 && await row.GetAttributeAsync("data-status") == "running");
            var progress = row.Locator("[data-field=progress]");
            var before = await progress.InnerTextAsync();
            await WaitForTextAsync(progress, text => text != before);

            await row.GetByRole(AriaRole.Button).ClickAsync();
            await WaitForAsync(async () => await page.GetByTestId("job-page").CountAsync() > 0);
            await WaitForTextAsync(page.Locator("[data-testid=skip-reasons] [data-counter=robots]"), text => text == "1");
            Assert.Contains("Page ", await page.GetByTestId("job-page").First.InnerTextAsync(), StringComparison.Ordinal);

            await page.GetByTestId("cancel-job").ClickAsync();
            await WaitForTextAsync(page.GetByTestId("detail-status"), text => text == "cancelled");
            await WaitForAsync(async () => await row.GetAttributeAsync("data-status") == "cancelled");
            Assert.Empty(errors);
        }
        finally
        {
            using var _ = await client.DeleteAsync($"/jobs/{job.Id}");
        }
    }

    [Fact]
    public async Task Try_a_crawl_shows_why_the_gateway_refused_a_request()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl("/try"), fixture.AdminKey);

        await page.GetByLabel("URLs (one per line").FillAsync("not a url");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crawl", Exact = true }).ClickAsync();

        await WaitForTextAsync(page.GetByTestId("crawl-message"), text => text.StartsWith("The gateway refused the crawl (400: ", StringComparison.Ordinal));
        Assert.Equal(0, await page.GetByTestId("crawl-result").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Overview_fits_a_phone_screen()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl(), fixture.AdminKey, width: 390, height: 844);
        await page.Locator("[data-chart=throughput]").WaitForAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than a phone screen.");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Reset the extractor pool" }).IsVisibleAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Load_and_tune_runs_the_optimiser_and_shows_its_recommendation()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl("/bench"), fixture.AdminKey);

        await page.GetByLabel("Test site pages").FillAsync("10");
        await page.GetByLabel("Concurrencies to try").FillAsync("1,2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        await WaitForTextAsync(page.GetByTestId("bench-status"), text => text.StartsWith("Finished", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        Assert.Equal("Finished (exit code 0).", await page.GetByTestId("bench-status").InnerTextAsync());
        Assert.Matches(@"^Recommended options\.concurrency: [12] \(", await page.GetByTestId("bench-recommendation").InnerTextAsync());
        var output = await page.GetByTestId("bench-output").InnerTextAsync();
        Assert.Contains("| concurrency | pages/s |", output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_form_and_the_pages_stay_closed()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl("/try"), fixture.AdminKey);

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(address => new Uri(address).AbsolutePath == "/login");
        await page.GotoAsync(DashboardUrl("/bench").AbsoluteUri);

        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await page.Locator("#key").WaitForAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_overview_still_applies_a_click_and_shows_every_replica_while_eight_more_publish_five_times_a_second()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl(), fixture.AdminKey);
        using var publishing = new CancellationTokenSource();
        var publishers = Enumerable.Range(0, 8).Select(i => PublishAsync($"load-test-{i}", publishing.Token)).ToList();
        try
        {
            await WaitForTextAsync(page.GetByTestId("replica-count"), text => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) >= 8 + AppHostFixture.ApiReplicas + 1);

            // The circuit still answers a click at once while snapshots pour in.
            await page.GetByLabel("15 min").CheckAsync();
            await WaitForAsync(async () => await page.GetByLabel("15 min").IsCheckedAsync() && await page.Locator("[data-chart=cpu]").InnerTextAsync() is var legend && legend.Contains("load-test-7", StringComparison.Ordinal));
        }
        finally
        {
            await publishing.CancelAsync();
            await Task.WhenAll(publishers).WithinAsync(TimeSpan.FromSeconds(30), "the fake replicas stopping");
        }

        Assert.Empty(errors);
    }

    /// <summary>A fake Api replica: idle counters, five snapshots a second (five times the real rate).</summary>
    private async Task PublishAsync(string replica, CancellationToken cancellationToken)
    {
        await using var connection = fixture.MetricsHubConnection();
        await connection.StartAsync(CancellationToken.None);
        var started = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var snapshot = new MetricsSnapshot(replica, MetricsServices.Api, DateTimeOffset.UtcNow, started, 0, 0, 0, 0, 0, 0, 0, 50 << 20, CpuUsage: 0.01);
                await connection.SendAsync(MetricsHubContract.Publish, snapshot, CancellationToken.None);
                await Task.Delay(200, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Crawls through the gateway until cancelled: new pages (misses) and one page again and again (hits).</summary>
    private async Task GenerateTrafficAsync(CancellationToken cancellationToken)
    {
        var repeated = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri;
        while (!cancellationToken.IsCancellationRequested)
        {
            var fresh = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri;
            try
            {
                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.Gateway.CrawlAsync(new CrawlRequest([repeated, fresh]))));
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private static Task WaitForTextAsync(ILocator locator, Func<string, bool> condition, TimeSpan? wait = null) =>
        WaitForAsync(async () => await locator.CountAsync() > 0 && condition(await locator.InnerTextAsync()), wait);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? ChangeWait);
        while (!await condition())
        {
            await Task.Delay(250, timeout.Token);
        }
    }

    /// <summary>Screenshots go with the test results (RIPTIDE_TEST_RESULTS, else TestResults at the repository root).</summary>
    private static string ScreenshotPath(string name)
    {
        var folder = Environment.GetEnvironmentVariable("RIPTIDE_TEST_RESULTS") is { Length: > 0 } results
            ? results
            : Path.Combine(RepositoryRoot.Path, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
