using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RipTide.Tests.TestSite;

/// <summary>
/// A small site to spider, one per test (robots.txt and sitemaps are per host): pages <c>/p/{n}</c> for n in
/// [0, <see cref="Shape.Pages"/>), page n linking to pages n·B+1 … n·B+B (B = <see cref="Shape.Branching"/>), so a
/// page's depth is its level in the tree; <c>/</c> is page 0. Every page also links home, to a robots-disallowed
/// <c>/private/</c> page and to the same site under another host name (out of scope). Optional extras:
/// a broken link, a redirect and a canonical alias of linked pages, a keyword page, and orphan pages reached
/// only through the sitemap index (<c>/sitemap.xml</c> → gzip <c>/sitemap-pages.xml.gz</c>).
/// </summary>
public sealed class SpiderSite : IAsyncDisposable
{
    public sealed record Shape(int Pages = 15, int Branching = 2, int Orphans = 0, bool Extras = false, int LatencyMs = 0, string? Golden = null);

    private static readonly string[] Home = ["/"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests;

    private SpiderSite(WebApplication app, Uri baseAddress, ConcurrentQueue<string> requests, Shape shape)
    {
        _app = app;
        BaseAddress = baseAddress;
        _requests = requests;
        Layout = shape;
    }

    public Uri BaseAddress { get; }

    /// <summary>The most requests (robots.txt aside: it is fetched outside the pacing) the site had in flight at once.</summary>
    public int PeakInFlight { get; private set; }

    private void SetPeak(int peak) => PeakInFlight = peak;

    public Shape Layout { get; }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Paths requested, in arrival order (robots.txt and sitemaps included).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Page paths requested, in arrival order.</summary>
    public IReadOnlyList<string> PageRequests => [.. _requests.Where(path => path.StartsWith("/p/", StringComparison.Ordinal) || path == "/")];

    public static int DepthOf(int page, int branching)
    {
        var depth = 0;
        for (; page > 0; page = (page - 1) / branching)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>The paths of every page of the tree: "/" (page 0) and /p/1 … /p/{Pages - 1}, sorted.</summary>
    public static IOrderedEnumerable<string> AllPages(Shape shape) => Home.Concat(Enumerable.Range(1, shape.Pages - 1).Select(n => $"/p/{n}")).Order();

    public IEnumerable<int> Children(int page) =>
        Enumerable.Range((page * Layout.Branching) + 1, Layout.Branching).Where(child => child < Layout.Pages);

    public static async Task<SpiderSite> StartAsync(Shape shape)
    {
        var app = LoopbackServer.Create();
        var requests = new ConcurrentQueue<string>();
        SpiderSite? site = null;
        var inFlight = 0;
        var peak = 0;
        app.Use(async (context, next) =>
        {
            requests.Enqueue(context.Request.Path + context.Request.QueryString);
            if (context.Request.Path.StartsWithSegments("/robots.txt"))
            {
                await next(context);
                return;
            }

            var now = Interlocked.Increment(ref inFlight);
            lock (requests)
            {
                peak = Math.Max(peak, now);
                site?.SetPeak(peak);
            }

            try
            {
                if (shape.LatencyMs > 0)
                {
                    await Task.Delay(shape.LatencyMs, context.RequestAborted);
                }

                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });

        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n", "text/plain"));
        app.MapGet("/", () => Html(site!.Page(0)));
        app.MapGet("/p/{n:int}", (int n) => n >= 0 && n < shape.Pages ? Html(site!.Page(n)) : Results.NotFound());
        app.MapGet("/private/{slug}", (string slug) => Html("<html><body><p>Private.</p></body></html>"));
        app.MapGet("/orphan/{n:int}", (int n) => Html(Article($"Orphan {n}", "<a href=\"/\">Home</a>")));
        app.MapGet("/golden", () => Html(Article("The golden page", "<a href=\"/\">Home</a>")));
        app.MapGet("/moved/{n:int}", (int n) => Results.Redirect($"/p/{n}", permanent: true));
        app.MapGet("/alias/{n:int}", (int n) => Html(Article($"Alias of {n}", string.Empty, canonical: $"/p/{n}")));
        app.MapGet("/sitemap.xml", () => Results.Text(
            $"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{site!.Url("/sitemap-pages.xml.gz")}</loc></sitemap></sitemapindex>""",
            "application/xml"));
        app.MapGet("/sitemap-pages.xml.gz", () => Results.Bytes(Gzip(site!.PagesSitemap()), "application/gzip"));

        site = new SpiderSite(app, await LoopbackServer.StartAsync(app), requests, shape);
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The sitemap's pages: every orphan, plus home (already linked: it must still be crawled once).</summary>
    private string PagesSitemap()
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">""");
        xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{Url("/")}</loc></url>");
        for (var i = 0; i < Layout.Orphans; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{Url($"/orphan/{i}")}</loc><lastmod>2026-01-01</lastmod></url>");
        }

        return xml.Append("</urlset>").ToString();
    }

    private string Page(int n)
    {
        var links = new StringBuilder("<a href=\"/\">Home</a> <a href=\"/private/secret\">Members</a> ");
        links.Append(CultureInfo.InvariantCulture, $"<a href=\"http://localhost:{BaseAddress.Port}/p/{n}\">Mirror</a> ");
        foreach (var child in Children(n))
        {
            links.Append(CultureInfo.InvariantCulture, $"<a href=\"/p/{child}#section\">Page {child}</a> ");
        }

        if (Layout.Extras && n == 0)
        {
            links.Append("<a href=\"/missing/page\">Broken</a> <a href=\"/moved/1\">Moved</a> <a href=\"/alias/2\">Alias</a> ");
        }

        if (Layout.Golden is { } golden && n == 0)
        {
            links.Append(CultureInfo.InvariantCulture, $"<a href=\"/golden\">{golden}</a> ");
        }

        return Article($"Page {n}", links.ToString());
    }

    private static string Article(string title, string links, string? canonical = null)
    {
        var head = canonical is null ? string.Empty : $"<link rel=\"canonical\" href=\"{canonical}\">";
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title>{head}</head>
            <body><nav>{links}</nav><article><h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{TestPages.ArticleParagraph1} {TestPages.ArticleParagraph2}</p>
            <p>{TestPages.ArticleParagraph2} {TestPages.ArticleParagraph1}</p></article></body></html>
            """;
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
