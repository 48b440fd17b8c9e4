using RipTide.Api.Caching;

namespace RipTide.Tests.Unit;

public sealed class CacheKeysTests
{
    [Fact]
    public void Keys_hold_an_option_variant_and_the_normalised_url_and_are_stable()
    {
        var url = new Uri("https://example.com/a?b=1");

        var key = CacheKeys.ForPage(url, "article|md", "v1");

        Assert.Matches(@"^crawl:v2:[0-9a-f]{16}:https://example\.com/a\?b=1$", key);
        Assert.Equal(key, CacheKeys.ForPage(new Uri("https://example.com/a?b=1"), "article|md", "v1"));
    }

    [Fact]
    public void A_new_extractor_version_other_options_or_another_url_never_share_a_key()
    {
        var url = new Uri("https://example.com/a");

        Assert.NotEqual(CacheKeys.ForPage(url, "o", "v1"), CacheKeys.ForPage(url, "o", "v2"));
        Assert.NotEqual(CacheKeys.ForPage(url, "o", "v1"), CacheKeys.ForPage(url, "p", "v1"));
        Assert.NotEqual(CacheKeys.ForPage(url, "o", "v1"), CacheKeys.ForPage(new Uri("https://example.com/b"), "o", "v1"));
    }

    [Fact]
    public void Invalidation_patterns_match_every_variant_and_escape_glob_characters()
    {
        Assert.Equal(@"crawl:v2:????????????????:https://example.com/a\?q=\[1\]", CacheKeys.MatchPattern("https://example.com/a?q=[1]", isPrefix: false));
        Assert.Equal("crawl:v2:????????????????:https://example.com/docs*", CacheKeys.MatchPattern("https://example.com/docs", isPrefix: true));
        // The variant field has exactly as many characters as the pattern has '?'.
        var key = CacheKeys.ForPage(new Uri("https://example.com/a"), "fingerprint", "v1");
        Assert.Equal("crawl:v2:".Length + 16 + 1, key.IndexOf("https:", StringComparison.Ordinal));
    }
}
