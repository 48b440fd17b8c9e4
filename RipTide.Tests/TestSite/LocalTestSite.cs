using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RipTide.Bench.Site;

namespace RipTide.Tests.TestSite;

/// <summary>
/// Pages the crawler fetches in tests, served on 127.0.0.1 by the test process: the tests never touch
/// the internet. Every article path accepts any suffix so that each test can crawl URLs of its own.
/// </summary>
public sealed class LocalTestSite : IAsyncDisposable
{
    /// <summary>How long after load /render/late/{slug} renders its text.</summary>
    public const int LateRenderMs = 6000;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, DateTimeOffset At)> _requests;

    private readonly ConcurrentQueue<string> _abandoned;

    private LocalTestSite(WebApplication app, Uri baseAddress, ConcurrentQueue<(string, DateTimeOffset)> requests, ConcurrentQueue<string> abandoned)
    {
        _app = app;
        BaseAddress = baseAddress;
        _requests = requests;
        _abandoned = abandoned;
    }

    public Uri BaseAddress { get; }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>When each request for a path starting with <paramref name="pathPrefix"/> arrived, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals(string pathPrefix) =>
        [.. _requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).Select(r => r.At)];

    /// <summary>Slow pages under <paramref name="pathPrefix"/> whose client went away before the page was served.</summary>
    public int Abandoned(string pathPrefix) => _abandoned.Count(path => path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Starts a site; <paramref name="robotsTxt"/> is served at /robots.txt (404 when null).</summary>
    public static async Task<LocalTestSite> StartAsync(CancellationToken cancellationToken, string? robotsTxt = null, int retryAfterSeconds = 1)
    {
        var app = LoopbackServer.Create();
        var requests = new ConcurrentQueue<(string, DateTimeOffset)>();
        var busy = new ConcurrentDictionary<string, int>();
        app.Use((context, next) =>
        {
            requests.Enqueue((context.Request.Path + context.Request.QueryString, DateTimeOffset.UtcNow));
            return next(context);
        });

        if (robotsTxt is not null)
        {
            app.MapGet("/robots.txt", () => Results.Text(robotsTxt, "text/plain"));
        }

        // Busy once: the first request of each slug gets 429 with Retry-After, later ones the article.
        app.MapGet("/busy/{slug}", (string slug, HttpResponse response) =>
        {
            if (busy.AddOrUpdate(slug, 1, (_, n) => n + 1) == 1)
            {
                response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            return Results.Content(TestPages.Article(slug), "text/html; charset=utf-8");
        });
        var abandoned = new ConcurrentQueue<string>();
        app.MapGet("/slow/{slug}", async (string slug, int ms, HttpRequest request, CancellationToken token) =>
        {
            try
            {
                await Task.Delay(ms, token);
            }
            catch (OperationCanceledException)
            {
                abandoned.Enqueue(request.Path + request.QueryString);
                throw;
            }

            return Results.Content(TestPages.Article(slug), "text/html; charset=utf-8");
        });
        app.MapGet("/private/{slug}", (string slug) => Results.Content(TestPages.Article(slug), "text/html; charset=utf-8"));
        app.MapGet("/spa/{slug}", (string slug) => Results.Content(TestPages.SinglePageApp, "text/html; charset=utf-8"));
        app.MapGet("/rich/{slug}", (string slug) => Results.Content(TestPages.RichArticle(slug), "text/html; charset=utf-8"));

        app.MapGet("/articles/{slug}", (string slug) => Results.Content(TestPages.Article(slug), "text/html; charset=utf-8"));
        app.MapGet("/relative/{slug}", (string slug) => Results.Content(TestPages.WithBaseHref(slug), "text/html; charset=utf-8"));
        app.MapGet("/data.json", () => Results.Json(new { hello = "world" }));
        // Says which cookie and user agent it was asked with: for requests that carry a client's headers.
        app.MapGet("/echo-headers/{slug}", (string slug, HttpRequest request) => Results.Content(TestPages.Article(slug).Replace(
            TestPages.ArticleParagraph1,
            $"{TestPages.ArticleParagraph1} Cookie was {Said(request.Headers.Cookie)}, agent was {Said(request.Headers.UserAgent)}.",
            StringComparison.Ordinal), "text/html; charset=utf-8"));
        app.MapGet("/redirect/{slug}", (string slug) => Results.Redirect($"/articles/{slug}"));
        // A public page that redirects into the cloud metadata service: the guard must stop the second hop.
        app.MapGet("/redirect-to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        // Hostile pages (issue 19): a redirect anywhere the query says, a charset label of the query's choosing
        // in the header or a <meta>, and elements nested as deep as asked.
        app.MapGet("/hostile/redirect", (string to, HttpResponse response) =>
        {
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = to;
        });
        app.MapGet("/hostile/charset", (string label) =>
            Results.Bytes(System.Text.Encoding.UTF8.GetBytes(TestPages.Article("charset")), $"text/html; charset={label}"));
        app.MapGet("/hostile/meta-charset", (string label) =>
            Results.Bytes(System.Text.Encoding.UTF8.GetBytes(TestPages.Article("charset").Replace("<head>", $"<head><meta charset=\"{label}\">", StringComparison.Ordinal)), "text/html"));
        app.MapGet("/hostile/deep/{depth:int}", (int depth) =>
            Results.Content($"<html><body>{string.Concat(Enumerable.Repeat("<div>", depth))}deep text</body></html>", "text/html; charset=utf-8"));
        app.MapGet("/hostile/large/{paragraphs:int}", (int paragraphs) =>
            Results.Content(TestPages.LongArticle(paragraphs), "text/html; charset=utf-8"));
        // Pages that need a browser (issue 22).
        app.MapRenderPages(path => abandoned.Enqueue(path));
        // A script-built page whose script also asks for what a hostile server would answer (a redirect to a local
        // file, a redirect into the metadata service, a body larger than any one response may be), opens a
        // WebSocket and loads an image: neither of the last two may reach the site.
        app.MapGet("/render/hostile/{slug}", (string slug) => Results.Content(RenderPages.Shell(slug, $$"""
            <script>
              fetch('/hostile/redirect?to=' + encodeURIComponent('file:///etc/passwd')).catch(function () {});
              fetch('/hostile/redirect?to=' + encodeURIComponent('http://169.254.169.254/latest/meta-data/')).catch(function () {});
              fetch('/huge').catch(function () {});
              try { new WebSocket('ws://' + location.host + '/render/ws-probe/{{slug}}'); } catch (e) {}
              var img = new Image(); img.src = '/render/img-probe/{{slug}}.png';
              render({{RenderPages.Data(slug)}});
            </script>
            """), "text/html; charset=utf-8"));
        // Renders its text only six seconds after load, on a timer: past any settling, reached by a fixed wait.
        app.MapGet("/render/late/{slug}", (string slug) => Results.Content(RenderPages.Shell(slug, $$"""
            <script>
              setTimeout(function () { render({{RenderPages.Data(slug)}}); }, {{LateRenderMs}});
            </script>
            """), "text/html; charset=utf-8"));
        // Says how wide its window is and whether it has touch, in sentences long enough to be the page's text
        // (a responsive page: without the viewport tag a phone lays a page out 980 pixels wide).
        app.MapGet("/render/device/{slug}", (string slug) => Results.Content(RenderPages.Shell(slug, $$"""
            <script>
              var said = 'This report was laid out for a window ' + window.innerWidth + ' pixels wide, with touch ' + ('ontouchstart' in window ? 'present' : 'absent') + '.';
              render({ title: 'Device report {{slug}}', paragraphs: [said, {{System.Text.Json.JsonSerializer.Serialize(TestPages.ArticleParagraph1)}}, {{System.Text.Json.JsonSerializer.Serialize(TestPages.ArticleParagraph2)}}] });
            </script>
            """).Replace("<head>", "<head><meta name=\"viewport\" content=\"width=device-width\">", StringComparison.Ordinal), "text/html; charset=utf-8"));
        // Renders its text, then spins forever: the browser's main thread for this page never comes back.
        app.MapGet("/render/spin/{slug}", (string slug) => Results.Content(RenderPages.Shell(slug, $$"""
            <script>
              render({{RenderPages.Data(slug)}});
              setTimeout(function () { for (;;) {} }, 50);
            </script>
            """), "text/html; charset=utf-8"));
        app.MapGet("/huge", () => Results.Stream(stream => TestPages.WriteHugeAsync(stream), "text/html"));
        app.MapGet("/charset/windows-1252", () => Results.Bytes(TestPages.Encoded(TestPages.Windows1252Page, "windows-1252"), "text/html"));
        app.MapGet("/charset/shift_jis", () => Results.Bytes(TestPages.Encoded(TestPages.ShiftJisPage, "shift_jis"), "text/html; charset=Shift_JIS"));

        return new LocalTestSite(app, await LoopbackServer.StartAsync(app, cancellationToken), requests, abandoned);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Said(Microsoft.Extensions.Primitives.StringValues header) => header.Count == 0 ? "none" : WebUtility.HtmlEncode(header.ToString());
}
