using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
}
