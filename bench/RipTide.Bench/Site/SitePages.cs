using System.Globalization;
using System.Net;
using System.Text;

namespace RipTide.Bench.Site;

/// <summary>
/// Deterministic pages of realistic article size (30–150 KB): navigation, boilerplate, inline scripts and
/// styles, JSON-LD, an article body, and links to other pages (some of them dead). The same seed and index
/// always give the same bytes, so runs are comparable.
/// </summary>
public sealed class SitePages(int pages, int seed)
{
    private static readonly string[] Words =
    [
        "tide", "current", "harbour", "survey", "coast", "engineer", "measure", "channel", "estuary", "gauge",
        "storm", "surge", "forecast", "station", "river", "delta", "sediment", "wave", "height", "period",
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from",
        "records", "show", "during", "winter", "summer", "morning", "evening", "rapid", "slow", "strong",
        "observers", "compared", "models", "against", "data", "buoys", "satellite", "network", "local", "national",
        "shoreline", "erosion", "flood", "defence", "barrier", "lagoon", "reef", "sandbar", "rip", "swimmers",
    ];

    public int Count => pages;

    public static int TargetBytes(Random random) => 30_000 + random.Next(120_000);

    public string Title(int index) => $"Coastal report {index}: {Sentence(new Random(seed ^ (index * 7919)), 5).TrimEnd('.')}";

    public string Html(int index)
    {
        var random = new Random(seed ^ (index * 7919));
        var title = WebUtility.HtmlEncode(Title(index));
        var target = TargetBytes(random);
        var html = new StringBuilder(target + 4096);
        var published = new DateTime(2025, 1, 1, 6, 0, 0, DateTimeKind.Utc).AddHours(index * 7 % 8760);
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"><title>{{title}}</title>
            <meta name="description" content="{{WebUtility.HtmlEncode(Sentence(random, 14))}}">
            <meta property="og:type" content="article"><meta property="og:site_name" content="Bench Coast News">
            <link rel="canonical" href="/page/{{index}}">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"{{title}}","author":{"@type":"Person","name":"Reporter {{index % 37}}"},"datePublished":"{{published:yyyy-MM-ddTHH:mm:ssZ}}"}</script>
            <style>{{Filler(random, "body{margin:0} .nav a{padding:4px} .c{color:#123} ", 1500 + random.Next(3000))}}</style>
            <script>{{Filler(random, "window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e)} ", 4000 + random.Next(12000))}}</script>
            </head>
            <body>
            <header><nav class="nav">
            """);
        for (var i = 0; i < 30; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"/section/{i}\">Section {i}</a> ");
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            </nav><div class="promo">Subscribe to the newsletter for daily tide tables.</div></header>
            <main><article><h1>{title}</h1><p class="byline">By Reporter {index % 37}</p><time datetime="{published:yyyy-MM-ddTHH:mm:ssZ}">{published:d MMMM yyyy}</time>
            """);
        // Article text is 4–20 KB, as on real news pages; the rest of the size is markup, scripts and state.
        var articleEnd = html.Length + 4_000 + random.Next(16_000);
        while (html.Length < articleEnd)
        {
            html.Append("<p>").Append(Sentence(random, 20 + random.Next(40))).Append(' ').Append(Sentence(random, 15 + random.Next(30))).Append("</p>\n");
            if (random.Next(6) == 0)
            {
                html.Append("<h2>").Append(Sentence(random, 4).TrimEnd('.')).Append("</h2>\n");
            }
        }

        var footer = Footer(random, index);
        AppendChrome(html, random, target - footer.Length);
        html.Append(footer);
        return html.ToString();
    }

    public static string Sitemap(IEnumerable<string> urls)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">""");
        foreach (var url in urls)
        {
            xml.Append("<url><loc>").Append(WebUtility.HtmlEncode(url)).Append("</loc></url>");
        }

        return xml.Append("</urlset>").ToString();
    }

    /// <summary>Markup-heavy page chrome up to <paramref name="length"/>: wrapped promo cards, icons and hydration state.</summary>
    private static void AppendChrome(StringBuilder html, Random random, int length)
    {
        html.Append("<div class=\"recirculation\">");
        var card = 0;
        while (html.Length < length - 2_000)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<div class=\"card card--compact card--theme-{card % 5}\" data-track=\"recirc-{card}\"><div class=\"card__media\"><svg viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" aria-hidden=\"true\"><path d=\"M12 2L2 7l10 5 10-5-10-5zm0 7.5L4.5 6 12 2.5 19.5 6 12 9.5z\"/></svg></div><div class=\"card__body\"><span class=\"card__kicker\">Promoted</span><a class=\"card__link\" href=\"/section/{card % 30}\">{Sentence(random, 6)}</a></div></div>\n");
            if (card++ % 8 == 7)
            {
                html.Append("<script>window.__STATE__=window.__STATE__||{};window.__STATE__[\"").Append(card).Append("\"]=")
                    .Append(Filler(random, "{\"id\":1,\"slot\":\"rail\",\"sizes\":[[300,250],[300,600]]},", 1_500)).Append("null;</script>\n");
            }
        }

        html.Append("</div>");
    }

    private string Footer(Random random, int index)
    {
        var footer = new StringBuilder("</article><aside><h3>Related</h3><ul>");
        for (var i = 1; i <= 5; i++)
        {
            var other = (index + i * 97 + random.Next(pages)) % pages;
            footer.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/page/{other}\">{WebUtility.HtmlEncode(Title(other))}</a></li>");
        }

        if (index % 10 == 3)
        {
            footer.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/missing/{index}\">An archived story</a></li>");
        }

        footer.Append("</ul></aside></main><footer><p>Copyright 2026 Bench Coast News. All rights reserved.</p>");
        footer.Append("<p>Terms · Privacy · Cookies · Contact · Advertise</p></footer>");
        footer.Append("<script>").Append(Filler(random, "document.querySelectorAll('a').forEach(function(a){a.onclick=track}); ", 800)).Append("</script>");
        return footer.Append("</body></html>").ToString();
    }

    private static string Sentence(Random random, int words)
    {
        var sentence = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var word = Words[random.Next(Words.Length)];
            sentence.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(i + 1 < words ? " " : ".");
        }

        return sentence.ToString();
    }

    private static string Filler(Random random, string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit).Append("/*").Append(random.Next()).Append("*/");
        }

        return text.ToString();
    }
}
