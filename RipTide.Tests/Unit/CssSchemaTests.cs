using System.Text.Json;
using RipTide.Extractor.Extraction;

namespace RipTide.Tests.Unit;

public sealed class CssSchemaTests
{
    private const string Page = """
        <html><body>
          <h1 class="name">Tide clock</h1>
          <span class="price"> 42.00 EUR </span>
          <a class="tag" href="/t/sea">sea</a><a class="tag" href="/t/moon">moon</a>
        </body></html>
        """;

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task Fields_take_the_first_match_all_matches_or_an_attribute()
    {
        Assert.True(CssSchema.TryParse(Schema("""
            {"fields": {"name": "h1.name", "price": ".price", "tags": {"selector": ".tag", "all": true},
                        "links": {"selector": ".tag", "all": true, "attribute": "href"}, "missing": ".nothing"}}
            """), out var schema, out _));

        var result = await new CssSchemaExtractor().ExtractAsync(Page, new Uri("https://shop.example/item/1"), schema, CancellationToken.None);

        Assert.Equal("Tide clock", result.GetProperty("name").GetString());
        Assert.Equal("42.00 EUR", result.GetProperty("price").GetString());
        Assert.Equal(["sea", "moon"], result.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["https://shop.example/t/sea", "https://shop.example/t/moon"], result.GetProperty("links").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("missing").ValueKind);
    }

    [Theory]
    [InlineData("""{"fields": {"bad": "p[["}}""", "not a valid CSS selector")]
    [InlineData("""{"fields": {"x": 3}}""", "must be a selector string or an object")]
    [InlineData("""{"fields": {"x": {"all": true}}}""", "selector must be a string")]
    [InlineData("""{"fields": {"x": {"selector": "p", "all": "yes"}}}""", "all must be true or false")]
    [InlineData("""{"selectors": {}}""", "must be an object with a \"fields\" object")]
    public void Invalid_schemas_are_refused_with_the_field_named(string json, string expected)
    {
        Assert.False(CssSchema.TryParse(Schema(json), out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
