using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Options;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Extraction;

namespace RipTide.Tests.Unit;

public sealed class CacheValueTests
{
    private static CachedPage Page(string text) => new(
        "https://example.com/a", 200, "text/html",
        new Document("https://example.com/a", null, "Title", null, null, null, null, "en", text, null, null, [], [], 3, 1, 0.5, [], null,
            new ExtractionInfo("wasm", 1, 2, 3)),
        DateTimeOffset.UnixEpoch) { GateDecision = "raw" };

    [Fact]
    public void Large_values_are_stored_gzip_compressed_and_read_back_identically()
    {
        var page = Page(string.Concat(Enumerable.Repeat("The tide comes in. ", 500)));

        var encoded = CachedPageCodec.Encode(page, compressAboveBytes: 1024);
        var decoded = CachedPageCodec.Decode(encoded);

        Assert.Equal(0x1f, encoded[0]);
        Assert.Equal(0x8b, encoded[1]);
        Assert.True(encoded.Length < 2000, $"{encoded.Length} bytes");
        Assert.Equal(page.Document.Text, decoded!.Document.Text);
        Assert.Equal("raw", decoded.GateDecision);
    }

    [Fact]
    public void Small_values_stay_plain_json()
    {
        var encoded = CachedPageCodec.Encode(Page("short"), compressAboveBytes: 1024);

        Assert.Equal((byte)'{', encoded[0]);
        Assert.Equal("short", CachedPageCodec.Decode(encoded)!.Document.Text);
    }

    [Fact]
    public void A_corrupt_value_is_reported_as_unreadable()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => CachedPageCodec.Decode([0x1f, 0x8b, 1, 2, 3]));
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
