using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Extraction;
using RipTide.Documents;

namespace RipTide.Tests.Unit;

public sealed class CacheValueTests
{
    private static readonly CachedPageHeader Header = new(
        "https://example.com/a", 200, "text/html", DateTimeOffset.UnixEpoch, QualityScore: 0.5, GateDecision: "raw", GateEscalation: null);

    private static Document Document(string text) =>
        new("https://example.com/a", null, "Title <b>&</b> ünïcödé", null, null, null, null, "en", text, "# T\n\n" + text, null, [], [], 3, 1, 0.5, [], null,
            new ExtractionInfo("wasm", 1, 2, 3));

    private static ReadOnlySpan<byte> Json(Document document) => DocumentJson.From(document).Utf8.Span;

    [Fact]
    public void Large_values_are_stored_gzip_compressed_and_read_back_identically()
    {
        var document = Document(string.Concat(Enumerable.Repeat("The tide comes in.\n", 500)));

        var encoded = CachedPageCodec.Encode(Header, Json(document), compressAboveBytes: 1024);
        var decoded = CachedPageCodec.Decode(encoded);

        Assert.Equal(0x1f, encoded[0]);
        Assert.Equal(0x8b, encoded[1]);
        Assert.True(encoded.Length < 2000, $"{encoded.Length} bytes");
        Assert.Equal(Header with { DocumentBytes = decoded.DocumentJson.Length }, decoded.Header);
        Assert.Equal(document.Text, JsonSerializer.Deserialize(decoded.DocumentJson.Span, RipTideJsonContext.Default.Document)!.Text);
    }

    [Fact]
    public void The_stored_document_is_exactly_the_json_an_answer_carries()
    {
        var document = Document("Tides <rise> & fall.\n\"Quoted\" – 潮");

        var decoded = CachedPageCodec.Decode(CachedPageCodec.Encode(Header, Json(document), compressAboveBytes: int.MaxValue));

        Assert.Equal(JsonSerializer.Serialize(document, JsonDefaults.Options), Encoding.UTF8.GetString(decoded.DocumentJson.Span));
    }

    [Fact]
    public void Small_values_stay_plain_json_lines()
    {
        var encoded = CachedPageCodec.Encode(Header, Json(Document("short")), compressAboveBytes: 1024);

        Assert.Equal((byte)'{', encoded[0]);
        Assert.Equal(2, Encoding.UTF8.GetString(encoded).Split('\n').Length);
        Assert.Contains("\"text\":\"short\"", Encoding.UTF8.GetString(CachedPageCodec.Decode(encoded).DocumentJson.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_value_is_reported_as_unreadable()
    {
        var whole = CachedPageCodec.Encode(Header, Json(Document("short")), compressAboveBytes: int.MaxValue);

        Assert.ThrowsAny<JsonException>(() => CachedPageCodec.Decode([0x1f, 0x8b, 1, 2, 3]));
        Assert.ThrowsAny<JsonException>(() => CachedPageCodec.Decode(whole[..^1]));
        Assert.ThrowsAny<JsonException>(() => CachedPageCodec.Decode([.. whole.TakeWhile(b => b != (byte)'\n')]));
        Assert.ThrowsAny<JsonException>(() => CachedPageCodec.Decode("{\"final_url\":\"x\"}\n{}"u8.ToArray()));
    }

    [Theory]
    [InlineData("https://news.example/live/election", null, null, 600)]
    [InlineData("https://example.com/feed", null, null, 600)]
    [InlineData("https://example.com/article", null, 300, 600)]
    [InlineData("https://example.com/docs/install", null, null, 3600)]
    [InlineData("https://example.com/paper.pdf", null, null, 3600)]
    [InlineData("https://blog.example/2026/tides", "text/html", null, 1800)]
    public void The_auto_ttl_strategy_follows_the_kind_of_page(string url, string? contentType, int? maxAgeSeconds, int expectedSeconds)
    {
        var strategy = new CacheTtlStrategy(Options.Create(new CacheOptions()));

        var ttl = strategy.For(new Uri(url), contentType, maxAgeSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ttl);
    }

    [Fact]
    public void A_configured_strategy_applies_to_every_page()
    {
        var strategy = new CacheTtlStrategy(Options.Create(new CacheOptions { Strategy = "conservative" }));

        Assert.Equal(TimeSpan.FromSeconds(600), strategy.For(new Uri("https://example.com/docs/a"), null, null));
    }
}
