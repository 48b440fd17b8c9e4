using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.Unit;

public sealed class CrawlRequestValidatorTests
{
    private static readonly CrawlRequestValidator Validator = new(Options.Create(new CrawlLimitsOptions { MaxUrls = 3, DefaultConcurrency = 4 }));

    [Fact]
    public void A_valid_request_becomes_a_plan_with_normalised_urls_and_defaults()
    {
        var ok = Validator.TryValidate(new CrawlRequest(["HTTP://Example.COM:80/a#frag"]), out var plan, out _);

        Assert.True(ok);
        var target = Assert.Single(plan.Targets);
        Assert.Equal("HTTP://Example.COM:80/a#frag", target.RequestedUrl);
        Assert.Equal("http://example.com/a", target.Url.AbsoluteUri);
        Assert.Equal(4, plan.Concurrency);
        Assert.Equal(CacheMode.ReadWrite, plan.CacheMode);
        Assert.Equal(TimeSpan.FromSeconds(30), plan.Timeout);
    }

    [Theory]
    [InlineData("enabled", CacheMode.ReadWrite)]
    [InlineData("read_write", CacheMode.ReadWrite)]
    [InlineData("read_only", CacheMode.ReadOnly)]
    [InlineData("write_only", CacheMode.WriteOnly)]
    [InlineData("bypass", CacheMode.Bypass)]
    [InlineData("disabled", CacheMode.Bypass)]
    public void Cache_modes_and_their_aliases_are_understood(string wire, CacheMode expected)
    {
        Assert.True(Validator.TryValidate(new CrawlRequest(["https://example.com"], new CrawlOptions(CacheMode: wire)), out var plan, out _));
        Assert.Equal(expected, plan.CacheMode);
    }

    [Theory]
    [InlineData("urls must contain between 1 and 3")]
    [InlineData("urls must contain between 1 and 3", "https://a.example", "https://b.example", "https://c.example", "https://d.example")]
    [InlineData("urls[1] is not an absolute http(s) URL", "https://a.example", "mailto:someone@example.com")]
    [InlineData("urls[0] is not an absolute http(s) URL", "/relative/path")]
    [InlineData("urls[0] must not contain credentials", "https://user:secret@example.com/")]
    [InlineData("urls[0] is empty", "  ")]
    public void Bad_urls_are_named_by_index(string expected, params string[] urls)
    {
        var request = new CrawlRequest(urls);

        Assert.False(Validator.TryValidate(request, out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null, null, "options.concurrency")]
    [InlineData(65, null, null, "options.concurrency")]
    [InlineData(null, "sometimes", null, "options.cache_mode")]
    [InlineData(null, null, 50, "options.timeout_ms")]
    public void Out_of_range_options_are_refused_not_defaulted(int? concurrency, string? cacheMode, int? timeoutMs, string expected)
    {
        var request = new CrawlRequest(["https://example.com"], new CrawlOptions(concurrency, cacheMode, TimeoutMs: timeoutMs));

        Assert.False(Validator.TryValidate(request, out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_urls_member_is_refused()
    {
        Assert.False(Validator.TryValidate(new CrawlRequest(null), out _, out var problem));
        Assert.Equal("urls is required.", problem);
    }
}
