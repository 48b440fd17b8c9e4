using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RipTide.Bench.Site;

/// <summary>
/// The local test site, served on 127.0.0.1 only (one port per simulated host): /page/{n}, /robots.txt,
/// /sitemap.xml, 404s under /missing, redirect chains under /redirect/{hops}/{n}, a robots-disallowed
/// /private folder, with the configured latency, error rate and slow bodies on page requests.
/// </summary>
public sealed class BenchSite : IAsyncDisposable
{
    private const string Robots = "User-agent: *\nDisallow: /private/\n";

    private readonly WebApplication _app;

    private BenchSite(WebApplication app, IReadOnlyList<Uri> hosts, SitePages pages)
    {
        _app = app;
        Hosts = hosts;
        Pages = pages;
    }

    /// <summary>One base address per simulated host.</summary>
    public IReadOnlyList<Uri> Hosts { get; }

    public SitePages Pages { get; }

    /// <summary>The first <paramref name="count"/> page URLs, spread round-robin over the hosts.</summary>
    public IReadOnlyList<string> PageUrls(int count) =>
        [.. Enumerable.Range(0, Math.Min(count, Pages.Count)).Select(i => new Uri(Hosts[i % Hosts.Count], $"/page/{i}").AbsoluteUri)];

    public static async Task<BenchSite> StartAsync(SiteOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            for (var i = 0; i < options.Hosts; i++)
            {
                kestrel.Listen(System.Net.IPAddress.Loopback, options.Port == 0 ? 0 : options.Port + i);
            }
        });
        var app = builder.Build();
        var pages = new SitePages(options.Pages, options.Seed);
        BenchSite? site = null;

        app.MapGet("/robots.txt", () => Results.Text(Robots, "text/plain"));
        app.MapGet("/sitemap.xml", () => Results.Text(SitePages.Sitemap(site!.PageUrls(pages.Count)), "application/xml"));
        app.MapGet("/page/{index:int}", (int index, HttpContext context) => ServePageAsync(context, pages, index, options));
        app.MapGet("/private/{index:int}", (int index, HttpContext context) => ServePageAsync(context, pages, index, options));
        app.MapGet("/redirect/{hops:int}/{index:int}", (int hops, int index) =>
            Results.Redirect(hops > 1 ? $"/redirect/{hops - 1}/{index}" : $"/page/{index}"));
        app.MapGet("/missing/{**rest}", () => Results.NotFound());

        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .OrderBy(uri => uri.Port)
            .ToList();
        site = new BenchSite(app, addresses, pages);
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task ServePageAsync(HttpContext context, SitePages pages, int index, SiteOptions options)
    {
        if (index < 0 || index >= pages.Count)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var cancellationToken = context.RequestAborted;
        if (options.MaxLatencyMs > 0)
        {
            await Task.Delay(Random.Shared.Next(options.MinLatencyMs, options.MaxLatencyMs + 1), cancellationToken);
        }

        if (options.ErrorRate > 0 && Random.Shared.NextDouble() < options.ErrorRate)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var body = Encoding.UTF8.GetBytes(pages.Html(index));
        context.Response.ContentType = "text/html; charset=utf-8";
        if (options.SlowBodyRate > 0 && Random.Shared.NextDouble() < options.SlowBodyRate)
        {
            // A slow body: eight chunks, 100 ms apart, no Content-Length.
            var chunk = (body.Length + 7) / 8;
            for (var offset = 0; offset < body.Length; offset += chunk)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
                await Task.Delay(100, cancellationToken);
            }

            return;
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }
}
