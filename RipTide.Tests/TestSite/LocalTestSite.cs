using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RipTide.Tests.TestSite;

/// <summary>
/// Pages the crawler fetches in tests, served on 127.0.0.1 by the test process: the tests never touch
/// the internet. Every article path accepts any suffix so that each test can crawl URLs of its own.
/// </summary>
public sealed class LocalTestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalTestSite(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public static async Task<LocalTestSite> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/articles/{slug}", (string slug) => Results.Content(TestPages.Article(slug), "text/html; charset=utf-8"));
        app.MapGet("/relative/{slug}", (string slug) => Results.Content(TestPages.WithBaseHref(slug), "text/html; charset=utf-8"));
        app.MapGet("/data.json", () => Results.Json(new { hello = "world" }));
        app.MapGet("/redirect/{slug}", (string slug) => Results.Redirect($"/articles/{slug}"));
        // A public page that redirects into the cloud metadata service: the guard must stop the second hop.
        app.MapGet("/redirect-to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        app.MapGet("/huge", () => Results.Stream(stream => TestPages.WriteHugeAsync(stream), "text/html"));
        app.MapGet("/charset/windows-1252", () => Results.Bytes(TestPages.Encoded(TestPages.Windows1252Page, "windows-1252"), "text/html"));
        app.MapGet("/charset/shift_jis", () => Results.Bytes(TestPages.Encoded(TestPages.ShiftJisPage, "shift_jis"), "text/html; charset=Shift_JIS"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LocalTestSite(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
