using Microsoft.Playwright;
using RipTide.Tests.App;

namespace RipTide.Tests.Browser;

/// <summary>The API reference at /docs, through the gateway, as a developer opens it: offline, without a key.</summary>
[Collection(WholeApp.Name)]
public sealed class ApiReferenceBrowserTests(AppHostFixture fixture) : IAsyncLifetime
{
    private BrowserSession? _browser;

    public async Task InitializeAsync() => _browser = await BrowserSession.StartAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_reference_loads_the_document_and_lists_the_routes_without_console_errors()
    {
        var (page, errors) = await _browser!.NewPageAsync();
        // Offline, a request for a web font or a CDN script fails: the page must not make one.
        var failed = new List<string>();
        page.RequestFailed += (_, request) => failed.Add($"{request.Method} {request.Url}: {request.Failure}");
        var documentRead = page.WaitForResponseAsync(response => new Uri(response.Url).AbsolutePath == "/openapi/v1.json");

        await page.GotoAsync(new Uri(fixture.Gateway.BaseAddress!, "/docs").AbsoluteUri);

        Assert.Equal(200, (await documentRead).Status);
        await page.GetByText("RipTide API").First.WaitForAsync();
        // The routes' summaries, rendered from the document.
        await page.GetByText("Crawls up to max_urls URLs and answers with every result in request order.").First.WaitForAsync();
        await page.GetByText("Starts a crawl job", new PageGetByTextOptions { Exact = false }).First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(errors);
        Assert.Empty(failed);
    }
}
