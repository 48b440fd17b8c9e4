using System.Net;
using System.Text;

namespace RipTide.Tests.TestSite;

/// <summary>The HTML of the local test site: realistic chrome around a known article.</summary>
public static class TestPages
{
    public const string ArticleParagraph1 = "Tidal streams move enormous volumes of water twice a day along the coast.";
    public const string ArticleParagraph2 = "Engineers measure them with moored current meters and acoustic profilers.";
    public const string NavigationText = "Subscribe to our newsletter";

    public static string ArticleTitle(string slug) => $"Rip currents explained {slug}";

    public static string Article(string slug)
    {
        var title = WebUtility.HtmlEncode(ArticleTitle(slug));
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>{{title}}</title>
              <meta name="description" content="A short explainer.">
              <style>body { font-family: serif; }</style>
              <script>window.analytics = { track: function () {} };</script>
            </head>
            <body>
              <header><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/news">{{NavigationText}}</a></nav></header>
              <article>
                <h1>{{title}}</h1>
                <p>{{ArticleParagraph1}}</p>
                <p>{{ArticleParagraph2}} <a href="/articles/related">Related reading</a>.</p>
                <img src="/images/tide.png" alt="A tide chart">
              </article>
              <aside>Advertisement</aside>
              <footer>Copyright 2026 Test Site</footer>
            </body>
            </html>
            """;
    }

    /// <summary>A well-formed article of <paramref name="paragraphs"/> paragraphs: long to extract, but linear.</summary>
    public static string LongArticle(int paragraphs) =>
        "<html><head><title>A long article</title></head><body><article>"
        + string.Concat(Enumerable.Repeat($"<p>{ArticleParagraph1} <a href=\"/articles/related\">Related</a></p>\n", paragraphs))
        + "</article></body></html>";

    public const string Windows1252Text = "Le café crème coûte 5 € à l'hôtel, déjà servi au jardin d'été.";
    public const string ShiftJisText = "日本語の記事本文です。潮の満ち引きについて説明します。";

    /// <summary>Declared only by its meta tag (no charset in the header), as many older sites are.</summary>
    public static string Windows1252Page => $"""
        <html><head><meta charset="windows-1252"><title>Café</title></head>
        <body><article><p>{Windows1252Text}</p><p>{Windows1252Text} Encore une fois, pour être sûr.</p></article></body></html>
        """;

    /// <summary>Declared by the Content-Type header.</summary>
    public static string ShiftJisPage => $"""
        <html><head><title>潮</title></head>
        <body><article><p>{ShiftJisText}</p><p>{ShiftJisText}</p></article></body></html>
        """;

    /// <summary>Larger than the fetcher's default 10 MB cap, streamed without a Content-Length.</summary>
    public const long HugeBytes = 12L * 1024 * 1024;

    public static async Task WriteHugeAsync(Stream stream)
    {
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>filler text to exceed the cap</p>", 1800)));
        for (long written = 0; written < HugeBytes; written += chunk.Length)
        {
            await stream.WriteAsync(chunk);
        }
    }

    public static byte[] Encoded(string html, string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(encoding).GetBytes(html);
    }

    public static string WithBaseHref(string slug) => $$"""
        <!DOCTYPE html>
        <html><head><title>Base {{WebUtility.HtmlEncode(slug)}}</title><base href="https://cdn.example.org/docs/"></head>
        <body><main><p>See <a href="guide.html">the guide</a> for details about the base element.</p></main></body></html>
        """;

    /// <summary>A client-rendered application shell: an empty root, a bundle, and a plea to enable JavaScript.</summary>
    public const string SinglePageApp = """
        <!DOCTYPE html>
        <html><head><title>App</title><script src="/static/js/main.js"></script>
        <script>window.__INITIAL_STATE__ = {"user": null, "items": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]};</script></head>
        <body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>
        """;

    /// <summary>Little text, no paragraphs, no article signals: worth a probe, not a renderer.</summary>
    public const string ThinPage = """
        <html><head><title>Links</title></head>
        <body><div><a href="/a">First link</a> <a href="/b">Second link</a> <span>Some more words here for the page</span></div></body></html>
        """;

    public const string RichAuthor = "Marina Keel";
    public const string RichSiteName = "Tide Times";
    public const string RichSection = "Oceanography";
    public const string RichKeywords = "rip currents, beach safety";

    /// <summary>An article carrying every kind of metadata the Document contract has a field for.</summary>
    public static string RichArticle(string slug)
    {
        var title = WebUtility.HtmlEncode(ArticleTitle(slug));
        var paragraphs = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<p>Paragraph {i}: {ArticleParagraph1} {ArticleParagraph2} Observers log the height of each tide and compare it with the forecast.</p>"));
        return $$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8">
              <title>{{title}}</title>
              <link rel="canonical" href="/rich/{{slug}}?canonical=1">
              <meta name="description" content="How rip currents form and how to escape them.">
              <meta property="og:site_name" content="{{RichSiteName}}">
              <meta property="og:type" content="article">
              <meta property="article:section" content="{{RichSection}}">
              <meta property="article:published_time" content="2026-03-14T09:30:00Z">
              <meta name="author" content="{{RichAuthor}}">
              <meta name="keywords" content="{{RichKeywords}}">
              <meta name="twitter:card" content="summary_large_image">
            </head>
            <body>
              <nav><a href="/">Home</a></nav>
              <article>
                <h1>{{title}}</h1>
                <p class="byline">By {{RichAuthor}}</p>
                {{paragraphs}}
                <p>Read the <a href="https://sponsor.example/offer" rel="nofollow">sponsor's offer</a> with care.</p>
                <img src="/images/rip.jpg" alt="Waves breaking over a sandbar">
              </article>
              <footer>Copyright 2026 {{RichSiteName}}</footer>
            </body>
            </html>
            """;
    }
}
