using RipTide.Api.Jobs.Spider;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.Unit.Jobs;

public sealed class SpiderRulesTests
{
    private static readonly PublicSuffixList Suffixes = PublicSuffixList.Parse(["com", "co.uk"]);

    private static SpiderRules Rules(string scope, int maxDepth = 3, bool ignoreQuery = false, string[]? include = null, string[]? exclude = null)
    {
        Assert.True(PathPatterns.TryCreate(include, "include", out var inc, out _));
        Assert.True(PathPatterns.TryCreate(exclude, "exclude", out var exc, out _));
        return new SpiderRules(scope, [new Uri("https://www.example.co.uk/start")], inc, exc, maxDepth, ignoreQuery, Suffixes);
    }

    [Theory]
    [InlineData(SpiderScopes.SameHost, "https://www.example.co.uk/a", null)]
    [InlineData(SpiderScopes.SameHost, "https://blog.example.co.uk/a", SkipReasons.Scope)]
    [InlineData(SpiderScopes.SameDomain, "https://blog.example.co.uk/a", null)]
    [InlineData(SpiderScopes.SameDomain, "https://other.co.uk/a", SkipReasons.Scope)]
    [InlineData(SpiderScopes.Any, "https://anything.test/a", null)]
    public void Scope_decides_by_host_or_registrable_domain(string scope, string url, string? reason) =>
        Assert.Equal(reason, Rules(scope).SkipReason(new Uri(url), depth: 1));

    [Fact]
    public void Depth_is_checked_first_and_patterns_last()
    {
        var rules = Rules(SpiderScopes.SameHost, maxDepth: 2, include: ["/docs/**"], exclude: ["/docs/old/**"]);

        Assert.Equal(SkipReasons.Depth, rules.SkipReason(new Uri("https://elsewhere.test/docs/a"), depth: 3));
        Assert.Null(rules.SkipReason(new Uri("https://www.example.co.uk/docs/a"), depth: 2));
        Assert.Equal(SkipReasons.Pattern, rules.SkipReason(new Uri("https://www.example.co.uk/blog/a"), depth: 1));
        Assert.Equal(SkipReasons.Pattern, rules.SkipReason(new Uri("https://www.example.co.uk/docs/old/a"), depth: 1));
    }

    [Fact]
    public void The_frontier_key_drops_the_fragment_always_and_the_query_when_asked()
    {
        Assert.Equal("https://www.example.co.uk/a?x=1", Rules(SpiderScopes.SameHost).Canonicalize(new Uri("https://www.example.co.uk/a?x=1#top")).AbsoluteUri);
        Assert.Equal("https://www.example.co.uk/a", Rules(SpiderScopes.SameHost, ignoreQuery: true).Canonicalize(new Uri("https://www.example.co.uk/a?x=1#top")).AbsoluteUri);
    }

    [Fact]
    public void Same_domain_without_the_suffix_list_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new SpiderRules(SpiderScopes.SameDomain, [new Uri("https://a.test/")], PathPatterns.None, PathPatterns.None, 1, false, null));
    }
}
