using System.Text.Json;
using RipTide.Api.Firecrawl;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Contracts.Firecrawl;

namespace RipTide.Tests.Unit.Firecrawl;

/// <summary>A RipTide result in Firecrawl's document shape.</summary>
public sealed class FirecrawlDocumentsTests
{
    private static CrawlResult Result(string markdown, IReadOnlyList<DocumentMedia> media, IReadOnlyDictionary<string, string>? meta = null) =>
        new("https://news.example/a", "https://news.example/a", 200, false, CacheStatuses.Miss, GateDecisions.Raw, 0.8, 10, "text/html",
            new Document("https://news.example/a", null, "Title", "Ada", "2026-01-02T00:00:00Z", "News", "Desc", "en", "Text", markdown, "<html></html>",
                [new DocumentLink("https://news.example/b", "B", null)], media, 1, 1, 0.8, [], null, new ExtractionInfo("wasm", 1, 0, 10), meta),
            Error: null);

    [Fact]
    public void Remove_base64_images_drops_inline_images_from_the_markdown_and_the_image_list()
    {
        var result = Result("Intro ![chart](data:image/png;base64,AAAA) and ![photo](https://news.example/p.jpg)",
            [new DocumentMedia("image", "data:image/png;base64,AAAA", "chart"), new DocumentMedia("image", "https://news.example/p.jpg", "photo")]);

        var kept = FirecrawlDocuments.From(result, new FirecrawlFormats(Markdown: true, Images: true));
        var removed = FirecrawlDocuments.From(result, new FirecrawlFormats(Markdown: true, Images: true, RemoveBase64Images: true));

        Assert.Contains("data:image/png", kept.Markdown, StringComparison.Ordinal);
        Assert.Equal(2, kept.Images!.Count);
        Assert.DoesNotContain("data:image", removed.Markdown, StringComparison.Ordinal);
        Assert.Contains("![photo](https://news.example/p.jpg)", removed.Markdown, StringComparison.Ordinal);
        Assert.Equal(["https://news.example/p.jpg"], removed.Images);
    }

    [Fact]
    public void Only_the_formats_asked_for_are_present_and_html_is_the_markdown_rendered_safely()
    {
        var document = FirecrawlDocuments.From(Result("# Head\n\n<script>alert(1)</script> text", []), new FirecrawlFormats(Markdown: false, Html: true));

        Assert.Null(document.Markdown);
        Assert.Null(document.RawHtml);
        Assert.Null(document.Links);
        Assert.Contains("<h1>Head</h1>", document.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", document.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_tags_fill_firecrawls_fields_and_the_rest_keep_their_names_without_shadowing_a_field()
    {
        var meta = new Dictionary<string, string>
        {
            ["og:title"] = "OG", ["keywords"] = "a, b", ["twitter:card"] = "summary", ["title"] = "A tag named title", ["statuscode"] = "999",
        };

        var metadata = FirecrawlDocuments.From(Result("text", [], meta), FirecrawlFormats.Default).Metadata;
        var json = JsonSerializer.SerializeToElement(metadata, FirecrawlJsonContext.Wire.FirecrawlMetadata);

        Assert.Equal("OG", metadata.OgTitle);
        Assert.Equal("a, b", metadata.Keywords);
        Assert.Equal("summary", json.GetProperty("twitter:card").GetString());
        Assert.Equal("Title", json.GetProperty("title").GetString());
        Assert.Equal(200, json.GetProperty("statusCode").GetInt32());
        Assert.Single(json.EnumerateObject(), member => member.Name.Equals("title", StringComparison.OrdinalIgnoreCase));
        Assert.Single(json.EnumerateObject(), member => member.Name.Equals("statusCode", StringComparison.OrdinalIgnoreCase));
    }
}
