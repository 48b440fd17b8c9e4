using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
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

    private Uri DashboardUrl(string path = "/") => new(fixture.App.GetEndpoint(ResourceNames.Dashboard, "http"), path);

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
        var (page, errors) = await Browser.OpenAsync(DashboardUrl());
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
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-overview.png"), FullPage = true });
        }
        finally
        {
            await traffic.CancelAsync();
            await load;
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Reset_recycles_the_extractor_pool_after_confirmation()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl());
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
    public async Task Try_a_crawl_renders_streamed_results()
    {
        var slugs = Enumerable.Range(0, 3).Select(_ => CrawlApi.UniqueSlug()).ToList();
        var (page, errors) = await Browser.OpenAsync(DashboardUrl("/try"));

        await page.GetByLabel("URLs (one per line").FillAsync(string.Join('\n', slugs.Select(slug => fixture.Site.Url($"/articles/{slug}").AbsoluteUri)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Crawl", Exact = true }).ClickAsync();

        await WaitForTextAsync(page.GetByTestId("crawl-progress"), text => text.StartsWith("3 of 3 done ·", StringComparison.Ordinal));
        var titles = await page.GetByTestId("result-title").AllInnerTextsAsync();
        Assert.Equal(slugs.Select(TestPages.ArticleTitle).Order(), titles.Order());
        Assert.Equal(3, await page.Locator("[data-testid=crawl-result] details summary").CountAsync()); // a markdown preview each
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Overview_fits_a_phone_screen()
    {
        var (page, errors) = await Browser.OpenAsync(DashboardUrl(), width: 390, height: 844);
        await page.Locator("[data-chart=throughput]").WaitForAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than a phone screen.");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Reset the extractor pool" }).IsVisibleAsync());
        Assert.Empty(errors);
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

    private static Task WaitForTextAsync(ILocator locator, Func<string, bool> condition) =>
        WaitForAsync(async () => await locator.CountAsync() > 0 && condition(await locator.InnerTextAsync()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(ChangeWait);
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
            : Path.Combine(RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RipTide.Aspire.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
