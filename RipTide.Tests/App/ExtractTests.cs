using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class ExtractTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Extract_turns_supplied_html_into_a_document_with_structured_fields()
    {
        var schema = JsonDocument.Parse("""{"fields": {"heading": "article h1", "images": {"selector": "img", "all": true, "attribute": "src"}}}""").RootElement;
        var request = new ExtractRequest("https://example.org/articles/supplied", TestPages.Article("supplied"), CssSchema: schema);

        using var response = await fixture.Gateway.PostAsJsonAsync("/extract", request, RipTideJsonContext.Default.ExtractRequest);
        var document = await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.Document);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestPages.ArticleTitle("supplied"), document!.Title);
        Assert.Contains(TestPages.ArticleParagraph2, document.Text, StringComparison.Ordinal);
        Assert.Equal("wasm", document.Extraction.Engine);
        var structured = document.Structured!.Value;
        Assert.Equal(TestPages.ArticleTitle("supplied"), structured.GetProperty("heading").GetString());
        Assert.Equal("https://example.org/images/tide.png", structured.GetProperty("images")[0].GetString());
    }

    [Fact]
    public async Task Extract_fetches_a_url_when_no_html_is_supplied()
    {
        var slug = CrawlApi.UniqueSlug();
        var request = new ExtractRequest(fixture.Site.Url($"/articles/{slug}").AbsoluteUri, Extraction: "metadata");

        using var response = await fixture.Gateway.PostAsJsonAsync("/extract", request, RipTideJsonContext.Default.ExtractRequest);
        var document = await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.Document);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestPages.ArticleTitle(slug), document!.Title);
        Assert.Equal("", document.Text);
    }

    [Theory]
    [InlineData("""{"url": "https://example.org/", "html": "<p>x</p>", "css_schema": {"fields": {"bad": "p[["}}}""", 400, "validation_error")]
    [InlineData("""{"url": "https://example.org/", "html": "<p>x</p>", "extraction": "everything"}""", 400, "validation_error")]
    [InlineData("""{"url": "ftp://example.org/", "html": "<p>x</p>"}""", 400, "validation_error")]
    [InlineData("""{"url": "http://169.254.169.254/latest/"}""", 422, "blocked_address")]
    public async Task Bad_extract_requests_get_problem_json(string body, int status, string errorType)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await fixture.Gateway.PostAsync("/extract", content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(errorType, problem.RootElement.GetProperty("error_type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_extractor_takes_a_page_as_utf8_text_html_with_its_url_in_the_query()
    {
        // The Api's own path to the Extractor: the page's bytes, not a JSON string.
        using var extractor = fixture.App.CreateHttpClient(ResourceNames.Extractor);
        var page = TestPages.Article("raw").Replace("</title>", " ünïcødé 漢字</title>", StringComparison.Ordinal);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(page));
        content.Headers.ContentType = new("text/html") { CharSet = "utf-8" };

        using var response = await extractor.PostAsync("/extract?url=https%3A%2F%2Fexample.org%2Fa%3Fx%3D1&extraction=full&markdown=false", content);
        var document = await response.Content.ReadFromJsonAsync(RipTideJsonContext.Default.Document);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://example.org/a?x=1", document!.Url);
        Assert.Equal(TestPages.ArticleTitle("raw") + " ünïcødé 漢字", document.Title);
        Assert.Contains(TestPages.ArticleParagraph2, document.Text, StringComparison.Ordinal);
        Assert.Null(document.Markdown);
        Assert.Equal("wasm", document.Extraction.Engine);
    }

    [Theory]
    [InlineData("/extract?extraction=article", "text/html", 400, "validation_error")]
    [InlineData("/extract?url=ftp%3A%2F%2Fexample.org%2F", "text/html", 400, "validation_error")]
    [InlineData("/extract?url=https%3A%2F%2Fexample.org%2F&extraction=everything", "text/html", 400, "validation_error")]
    [InlineData("/extract?url=https%3A%2F%2Fexample.org%2F&markdown=maybe", "text/html", 400, "validation_error")]
    [InlineData("/extract?url=https%3A%2F%2Fexample.org%2F&html=%3Cp%3E", "text/html", 400, "validation_error")]
    [InlineData("/extract?url=https%3A%2F%2Fexample.org%2F", "text/html; charset=windows-1252", 415, "unsupported_media_type")]
    public async Task Bad_text_html_extract_requests_get_problem_json(string path, string contentType, int status, string errorType)
    {
        using var extractor = fixture.App.CreateHttpClient(ResourceNames.Extractor);
        using var content = new StringContent("<p>x</p>");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await extractor.PostAsync(path, content);

        Assert.Equal(status, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(errorType, problem.RootElement.GetProperty("error_type").GetString());
    }
}
