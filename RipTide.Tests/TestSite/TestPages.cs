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
}
