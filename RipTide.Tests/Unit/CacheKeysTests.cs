using RipTide.Api.Caching;

namespace RipTide.Tests.Unit;

public sealed class CacheKeysTests
{
    [Fact]
    public void Keys_are_prefixed_sha256_and_stable()
    {
        var url = new Uri("https://example.com/a");

        var key = CacheKeys.ForPage(url, "v1");

        Assert.StartsWith("crawl:v1:", key, StringComparison.Ordinal);
        Assert.Equal("crawl:v1:".Length + 64, key.Length);
        Assert.Equal(key, CacheKeys.ForPage(new Uri("https://example.com/a"), "v1"));
    }

    [Fact]
    public void A_new_extractor_version_or_another_url_never_shares_a_key()
    {
        var url = new Uri("https://example.com/a");

        Assert.NotEqual(CacheKeys.ForPage(url, "v1"), CacheKeys.ForPage(url, "v2"));
        Assert.NotEqual(CacheKeys.ForPage(url, "v1"), CacheKeys.ForPage(new Uri("https://example.com/b"), "v1"));
    }
}
