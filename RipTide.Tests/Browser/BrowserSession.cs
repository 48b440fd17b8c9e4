using Microsoft.Playwright;

namespace RipTide.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its own browser download does not work on these
/// machines). A missing Chromium fails the test with the fix in the message; scripts/test.sh installs it as root.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserSession> StartAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Browser tests need Debian's chromium at {ChromiumPath}: run `apt-get install chromium` (scripts/test.sh does as root).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>
    /// A fresh page that records every console error and uncaught page error. When the dashboard asks for a
    /// sign-in, <paramref name="signInKey"/> is typed into its form, as an operator would.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(Uri url, string? signInKey, int width = 1400, int height = 1000)
    {
        var (page, errors) = await NewPageAsync(width, height);
        await page.GotoAsync(url.AbsoluteUri);
        if (new Uri(page.Url).AbsolutePath == "/login" && signInKey is not null)
        {
            await page.Locator("#key").FillAsync(signInKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(address => new Uri(address).AbsolutePath == url.AbsolutePath);
        }

        // The prerendered page looks the same but does not react: pages mark their first interactive render.
        await page.Locator("[data-interactive=true]").WaitForAsync();
        return (page, errors);
    }

    /// <summary>A fresh page that records every console error and uncaught page error.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1400, int height = 1000)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var errors = new List<string>();
        void Record(string error)
        {
            lock (errors)
            {
                errors.Add(error);
            }
        }

        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record(error);
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
