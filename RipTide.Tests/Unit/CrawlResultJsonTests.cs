using System.Text.Json;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Contracts;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Documents;

namespace RipTide.Tests.Unit;

/// <summary>A cache hit's document is written from stored bytes; the answer must read exactly as if it had been parsed.</summary>
public sealed class CrawlResultJsonTests
{
    private static readonly Document Page = new(
        "https://example.com/a", "https://example.com/a", "Tides <rise> & \"fall\"", "Ann Marée", "2026-11-28", "Example", null, "en",
        "Line one.\nLine two – 潮.", "# Tides\n\nLine one.", null,
        [new DocumentLink("https://example.com/b", "B", Rel: null)], [], 4, 1, 0.82, ["news"],
        JsonSerializer.Deserialize<JsonElement>("{\"@type\":\"NewsArticle\"}"), new ExtractionInfo("wasm", 1.5, 2, 3));

    private static CrawlResult Fresh(Document? document, CrawlError? error = null) => new(
        "https://example.com/a", "https://example.com/a", 200, FromCache: false, CacheStatuses.Miss, GateDecisions.Raw, document?.QualityScore,
        12.5, "text/html", document, error, RenderPaths.Static);

    [Fact]
    public void A_result_with_a_stored_document_is_written_exactly_like_one_with_the_parsed_document()
    {
        var header = new CachedPageHeader(Page.Url, 200, "text/html", DateTimeOffset.UnixEpoch, Page.QualityScore, GateDecisions.Raw, null);
        var stored = CachedPageCodec.Decode(CachedPageCodec.Encode(header, DocumentJson.From(Page).Utf8.Span, compressAboveBytes: 64));
        var parsed = Fresh(Page);
        // Declared as the contract's type, as in every answer (CrawlResponse.Results, the stream's result lines).
        CrawlResult spliced = new StoredDocumentResult(parsed with { Document = null }, stored.DocumentJson);

        var expected = JsonSerializer.Serialize(parsed, CrawlResultJson.Options);
        var actual = JsonSerializer.Serialize(spliced, CrawlResultJson.Options);

        Assert.Equal(expected, actual);
        var read = JsonSerializer.Deserialize(actual, RipTideJsonContext.Default.CrawlResult)!;
        Assert.Equal(Page.Title, read.Document!.Title);
        Assert.Equal(Page.Text, read.Document.Text);
    }

    [Fact]
    public void Results_without_a_document_keep_the_contracts_null_and_field_order()
    {
        var failed = Fresh(null, new CrawlError(CrawlErrorTypes.HttpError, "404", Retryable: false));

        var json = JsonSerializer.Serialize(new CrawlResponse("r1", 1, 0, 1, 0, [failed], new CrawlStatistics(1, 1, 1, 0, new Dictionary<string, int>(), 0)), CrawlResultJson.Options);

        Assert.Contains("\"content_type\":\"text/html\",\"document\":null,\"error\":{", json, StringComparison.Ordinal);
        Assert.DoesNotContain("document_json", json, StringComparison.Ordinal);
    }
}
