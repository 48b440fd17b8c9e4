using System.Text;
using System.Text.Json;
using RipTide.Contracts.Extraction;
using RipTide.Documents;

namespace RipTide.Tests.Unit;

/// <summary>
/// Documents travel as checked JSON bytes from the extraction module to the client. What a user relies on:
/// the bytes read as the contract's document, the host's additions land where they belong, and anything
/// that is not a document is refused before it can be cached or sent on.
/// </summary>
public sealed class DocumentJsonTests
{
    /// <summary>Shaped like the module's output: keys in alphabetical order, placeholders for the host.</summary>
    private const string GuestJson =
        """{"byline":null,"canonical_url":null,"categories":[],"description":"D","extraction":{"engine":"wasm","memory_used_bytes":0,"nodes_processed":42,"processing_time_ms":0.0},"html":null,"language":"en","links":[{"rel":null,"text":"B","url":"https://example.com/b"}],"markdown":"# T","media":[],"published_iso":null,"quality_score":0.75,"reading_time_minutes":1,"site_name":null,"structured":null,"text":"Tides – 潮 \"rise\"","title":"T","url":"https://example.com/a","word_count":3}""";

    private static DocumentJson Guest() => DocumentJson.Parse(Encoding.UTF8.GetBytes(GuestJson));

    [Fact]
    public void Meta_tags_read_as_a_map_of_strings()
    {
        var json = GuestJson.Replace("\"markdown\":", "\"meta\":{\"og:title\":\"O\",\"twitter:card\":\"summary\"},\"markdown\":", StringComparison.Ordinal);

        var document = DocumentJson.Parse(Encoding.UTF8.GetBytes(json)).ToDocument();

        Assert.Equal("O", document.Meta!["og:title"]);
        Assert.Equal("summary", document.Meta["twitter:card"]);
        Assert.Null(Guest().ToDocument().Meta);
    }

    [Fact]
    public void The_modules_output_reads_as_the_contracts_document_with_its_scores()
    {
        var json = Guest();
        var document = json.ToDocument();

        Assert.Equal(0.75, json.QualityScore);
        Assert.Equal(3, json.WordCount);
        Assert.Equal(42, json.Extraction.NodesProcessed);
        Assert.Equal("Tides – 潮 \"rise\"", document.Text);
        Assert.Equal("https://example.com/b", Assert.Single(document.Links).Url);
    }

    [Fact]
    public void The_hosts_measurements_replace_the_placeholders_and_nothing_else()
    {
        var json = Guest();

        var measured = json.WithExtraction(json.Extraction with { ProcessingTimeMs = 12.5, MemoryUsedBytes = 1 << 20 });

        var text = Encoding.UTF8.GetString(measured.Utf8.Span);
        Assert.Equal(
            GuestJson.Replace("""{"engine":"wasm","memory_used_bytes":0,"nodes_processed":42,"processing_time_ms":0.0}""",
                """{"engine":"wasm","processing_time_ms":12.5,"memory_used_bytes":1048576,"nodes_processed":42}""", StringComparison.Ordinal),
            text);
        Assert.Equal(12.5, measured.ToDocument().Extraction.ProcessingTimeMs);
    }

    [Fact]
    public void Html_is_added_as_an_escaped_string_in_place_of_null()
    {
        const string page = "<html><body><p class=\"x\">Tides & \"moons\"\n</p></body></html>";

        var withHtml = Guest().WithHtml(page);

        Assert.Equal(page, withHtml.ToDocument().Html);
        Assert.Equal(0.75, withHtml.QualityScore);
        // Served as application/json, never inside HTML: markup stays readable, as in every other answer.
        Assert.Contains("\"html\":\"<html><body><p class=\\\"x\\\">Tides & \\\"moons\\\"\\n</p></body></html>\"", Encoding.UTF8.GetString(withHtml.Utf8.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Replacements_chain_each_landing_in_place_after_the_ones_before()
    {
        var json = Guest();

        var chained = json.WithExtraction(json.Extraction with { ProcessingTimeMs = 123.456, MemoryUsedBytes = 7 })
            .WithHtml("<p>a longer page than null</p>")
            .WithStructured(JsonSerializer.Deserialize<JsonElement>("""{"k":1}"""))
            .WithHtml("<p>b</p>");

        var read = chained.ToDocument();
        Assert.Equal(123.456, read.Extraction.ProcessingTimeMs);
        Assert.Equal("<p>b</p>", read.Html);
        Assert.Equal(1, read.Structured!.Value.GetProperty("k").GetInt32());
        Assert.Equal("Tides – 潮 \"rise\"", read.Text);
        Assert.Equal(chained.Utf8.ToArray(), DocumentJson.Parse(chained.Utf8.ToArray()).Utf8.ToArray());
    }

    [Fact]
    public void A_serialised_document_round_trips_and_structured_data_can_be_set()
    {
        var original = new Document("https://example.com/a", null, "T", null, null, null, null, null, "text", null, null, [], [], 1, 1, 0.4, [], null,
            new ExtractionInfo("fallback", 1, 2, 3));

        var json = DocumentJson.From(original).WithStructured(JsonSerializer.Deserialize<JsonElement>("""{"price":["9.99"]}"""));

        var read = json.ToDocument();
        Assert.Equal("fallback", read.Extraction.Engine);
        Assert.Equal("9.99", read.Structured!.Value.GetProperty("price")[0].GetString());
        Assert.Equal(0.4, json.QualityScore);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("{}", "no properties")]
    [InlineData("{\"url\":\"u\"}", "missing text, scores and extraction")]
    [InlineData("garbage", "not JSON")]
    public void Something_other_than_a_document_is_refused(string json, string because)
    {
        var exception = Record.Exception(() => DocumentJson.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.True(exception is JsonException, because);
    }

    [Theory]
    [InlineData("\"word_count\":3", "\"word_count\":3,\"word_count\":4", "a duplicated property")]
    [InlineData("\"word_count\":3", "\"word_count\":3,\"evil\":1", "a property the contract does not have")]
    [InlineData("\"quality_score\":0.75", "\"quality_score\":\"0.75\"", "a score as a string")]
    [InlineData("\"word_count\":3", "\"word_count\":3.5", "a fractional word count")]
    [InlineData("\"word_count\":3", "\"word_count\":-1", "a negative word count")]
    [InlineData("\"word_count\":3", "\"word_count\":99999999999", "a word count beyond an int")]
    [InlineData("\"title\":\"T\"", "\"title\":true", "a boolean title")]
    [InlineData("\"links\":[", "\"links\":{\"a\":[", "links as an object")]
    [InlineData("\"word_count\":3}", "\"word_count\":3}{}", "a second value after the object")]
    [InlineData("\"word_count\":3}", "\"word_count\":3", "an object cut short")]
    [InlineData("\"text\":\"Tides", "\"text\":\"Tid\u0001es", "a raw control character in a string")]
    [InlineData("\"word_count\":3", "\"word_count\":3,\"meta\":{\"og:title\":5}", "a meta tag that is not a string")]
    [InlineData("\"word_count\":3", "\"word_count\":3,\"meta\":[\"og:title\"]", "meta tags as an array")]
    public void A_tampered_document_is_refused(string find, string replacement, string because)
    {
        var json = GuestJson.Replace(find, replacement, StringComparison.Ordinal);
        Assert.NotEqual(GuestJson, json);

        var exception = Record.Exception(() => DocumentJson.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.True(exception is JsonException, because);
    }

    [Fact]
    public void Nesting_is_bounded()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        var json = GuestJson.Replace("\"structured\":null", "\"structured\":" + deep, StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => DocumentJson.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
