using RipTide.Extractor.Extraction;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Unit;

public sealed class AngleSharpExtractorTests
{
    private readonly AngleSharpExtractor _extractor = new();

    [Fact]
    public async Task Extracts_title_and_article_paragraphs_without_page_chrome()
    {
        var document = await _extractor.ExtractAsync(TestPages.Article("x1"), new Uri("http://site.test/articles/x1"), CancellationToken.None);

        Assert.Equal(TestPages.ArticleTitle("x1"), document.Title);
        Assert.Equal("en", document.Language);
        Assert.Equal("A short explainer.", document.Description);
        var paragraphs = document.Text.Split("\n\n");
        Assert.Equal([TestPages.ArticleTitle("x1"), TestPages.ArticleParagraph1, TestPages.ArticleParagraph2 + " Related reading."], paragraphs);
        Assert.DoesNotContain("Advertisement", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Copyright", document.Text, StringComparison.Ordinal);
        Assert.Equal(TextWords(document.Text), document.WordCount);
        Assert.Equal("anglesharp", document.Extraction.Engine);
        Assert.InRange(document.QualityScore, 0, 1);
    }

    [Fact]
    public async Task Links_and_images_are_absolute_and_honour_base_href()
    {
        var article = await _extractor.ExtractAsync(TestPages.Article("x2"), new Uri("http://site.test/articles/x2"), CancellationToken.None);
        var based = await _extractor.ExtractAsync(TestPages.WithBaseHref("x3"), new Uri("http://site.test/relative/x3"), CancellationToken.None);

        Assert.Contains(article.Links, l => l.Url == "http://site.test/about" && l.Text == "About");
        Assert.Contains(article.Media, m => m.Url == "http://site.test/images/tide.png" && m.Alt == "A tide chart");
        Assert.Equal("https://cdn.example.org/docs/guide.html", Assert.Single(based.Links).Url);
    }

    [Fact]
    public async Task An_empty_page_yields_an_empty_document_not_an_error()
    {
        var document = await _extractor.ExtractAsync("", new Uri("http://site.test/"), CancellationToken.None);

        Assert.Equal("", document.Text);
        Assert.Equal(0, document.WordCount);
        Assert.Null(document.Title);
    }

    private static int TextWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
