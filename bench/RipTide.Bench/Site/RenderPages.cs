using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RipTide.Bench.Site;

/// <summary>
/// Pages that need a browser (issue 22): their text exists only after their scripts ran. Each page's text is
/// known (<see cref="Paragraphs"/>), so a test or the render benchmark can tell what a render recovered; the
/// static HTML carries none of it outside scripts, and an empty app root, so the gate sends every one of them to
/// the browser. Served under <c>/render/</c> by the tests' site and the bench tool's.
/// </summary>
public static class RenderPages
{
    /// <summary>Maps the pages; <paramref name="abandoned"/> hears of each request for the never-ending script that its client gave up.</summary>
    public static IEndpointRouteBuilder MapRenderPages(this IEndpointRouteBuilder app, Action<string> abandoned)
    {
        app.MapGet("/render/delayed/{slug}", (string slug) => Html(Delayed(slug)));
        app.MapGet("/render/xhr/{slug}", (string slug) => Html(FromXhr(slug)));
        app.MapGet("/render/data/{slug}.json", (string slug) => Results.Content(Data(slug), "application/json"));
        app.MapGet("/render/infinite/{slug}", (string slug) => Html(InfiniteList(slug)));
        app.MapGet("/render/items/{slug}", (string slug, int page) => Results.Json(Items(slug, page)));
        app.MapGet("/render/inside/{slug}", (string slug) => Html(ReachesInside(slug)));
        app.MapGet("/render/never/{slug}", (string slug) => Html(NeverLoads(slug)));
        app.MapGet("/render/never.js", async (HttpRequest request, CancellationToken token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                abandoned(request.Path.Value!);
                throw;
            }
        });
        app.MapGet("/render/dialogs/{slug}", (string slug) => Html(Dialogs(slug)));
        app.MapGet("/render/thin/{slug}", (string slug) => Html(Thin(slug)));
        return app;
    }

    /// <summary>The kinds of page whose text a render recovers without options, by path prefix (not the endless list or the never-ending page).</summary>
    public static readonly IReadOnlyList<string> Recoverable = ["/render/delayed/", "/render/xhr/", "/render/inside/", "/render/dialogs/"];

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    /// <summary>The text the page builds: a title and four paragraphs, unique to the slug.</summary>
    public static IReadOnlyList<string> Paragraphs(string slug) =>
    [
        $"Rendered tide tables for {slug} are built in the browser after the page has loaded, from data the script carries or fetches.",
        $"Harbour pilots in {slug} read the evening forecast before the ferries leave, because the spring tide runs faster than usual.",
        $"The lighthouse keeper of {slug} writes the sea state into a logbook every four hours, a habit older than the radio.",
        $"Fishing boats returning to {slug} wait outside the bar until the water is deep enough to cross it without touching bottom.",
    ];

    public static string Title(string slug) => $"Script-built report {slug}";

    /// <summary>Built from data in the page, after a delay.</summary>
    public static string Delayed(string slug) => Shell(slug, $$"""
        <script>
          var data = {{Data(slug)}};
          setTimeout(function () { render(data); }, 300);
        </script>
        """);

    /// <summary>Built from a JSON endpoint the script fetches (<c>/render/data/{slug}.json</c>).</summary>
    public static string FromXhr(string slug) => Shell(slug, $$"""
        <script>
          fetch('/render/data/{{slug}}.json').then(function (r) { return r.json(); }).then(render);
        </script>
        """);

    /// <summary>The JSON the XHR page fetches.</summary>
    public static string Data(string slug) => JsonSerializer.Serialize(new { title = Title(slug), paragraphs = Paragraphs(slug) });

    /// <summary>
    /// A list that grows while the reader scrolls: five pages of items from <c>/render/items/{slug}?page=N</c>,
    /// the next asked for when the bottom comes into view. Items are tall, so only scrolling reaches it.
    /// </summary>
    public static string InfiniteList(string slug) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(Title(slug))}}</title>
        <style>li { height: 600px; }</style></head>
        <body><div id="root"><ul id="list"></ul><div id="end"></div></div>
        <script>
          var next = 1, loading = false;
          function more() {
            if (loading || next > {{InfinitePages}}) { return; }
            loading = true;
            fetch('/render/items/{{slug}}?page=' + next).then(function (r) { return r.json(); }).then(function (items) {
              items.forEach(function (text) { var li = document.createElement('li'); var p = document.createElement('p'); p.textContent = text; li.appendChild(p); document.getElementById('list').appendChild(li); });
              next++; loading = false;
            });
          }
          window.addEventListener('scroll', function () {
            if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 50) { more(); }
          });
          more();
        </script></body></html>
        """;

    public const int InfinitePages = 5;

    public const int ItemsPerPage = 3;

    /// <summary>The items of one page of the infinite list.</summary>
    public static IReadOnlyList<string> Items(string slug, int page) =>
        [.. Enumerable.Range(1, ItemsPerPage).Select(i => $"List entry {(page - 1) * ItemsPerPage + i} of {slug}: a tide reading taken on the outer mole at dawn, with wind and swell noted beside it.")];

    /// <summary>Builds its text, but also asks internal addresses for data: the renderer must refuse those and render the rest.</summary>
    public static string ReachesInside(string slug) => Shell(slug, $$"""
        <script>
          fetch('http://169.254.169.254/latest/meta-data/').catch(function () {});
          fetch('http://10.1.2.3/admin').catch(function () {});
          var img = new Image(); img.src = 'http://192.168.1.1/router.png';
          fetch('/render/data/{{slug}}.json').then(function (r) { return r.json(); }).then(render);
        </script>
        """);

    /// <summary>A script in the head that never finishes downloading: the load event never comes.</summary>
    public static string NeverLoads(string slug) => $"""
        <!DOCTYPE html>
        <html><head><title>{WebUtility.HtmlEncode(Title(slug))}</title><script src="/render/never.js"></script></head>
        <body><div id="root"></div></body></html>
        """;

    /// <summary>Shows an alert and a confirm, opens a window, then builds its text.</summary>
    public static string Dialogs(string slug) => Shell(slug, $$"""
        <script>
          alert('Welcome to {{slug}}');
          confirm('Accept cookies?');
          window.open('/articles/popup-{{slug}}', '_blank');
          render({{Data(slug)}});
        </script>
        """);

    /// <summary>
    /// No sign of a script-built page (no app root, no framework, no noscript notice), a few links and a line of
    /// text as fetched, and its article appended by a script: the gate probes it statically, finds too little,
    /// and escalates it to the browser.
    /// </summary>
    public static string Thin(string slug) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(Title(slug))}}</title></head>
        <body><div><a href="/a">First link</a> <a href="/b">Second link</a> <span>Some more words here for the page</span></div>
        <main id="content"></main>
        <script>
          var data = {{Data(slug)}};
          var main = document.getElementById('content');
          var h1 = document.createElement('h1'); h1.textContent = data.title; main.appendChild(h1);
          data.paragraphs.forEach(function (text) { var p = document.createElement('p'); p.textContent = text; main.appendChild(p); });
        </script></body></html>
        """;

    /// <summary>The page's skeleton with <paramref name="script"/> after the root; <c>render(data)</c> fills the root.</summary>
    public static string Shell(string slug, string script) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(Title(slug))}}</title>
        <script>
          function render(data) {
            var article = document.createElement('article');
            var h1 = document.createElement('h1'); h1.textContent = data.title; article.appendChild(h1);
            data.paragraphs.forEach(function (text) { var p = document.createElement('p'); p.textContent = text; article.appendChild(p); });
            document.getElementById('root').appendChild(article);
          }
        </script></head>
        <body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
        {{script}}
        </body></html>
        """;
}
