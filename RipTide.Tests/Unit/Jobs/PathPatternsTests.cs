using RipTide.Api.Jobs.Spider;

namespace RipTide.Tests.Unit.Jobs;

public sealed class PathPatternsTests
{
    [Theory]
    [InlineData("/blog/*", "https://a.test/blog/post-1", true)]
    [InlineData("/blog/*", "https://a.test/blog/2024/post", false)]
    [InlineData("/blog/**", "https://a.test/blog/2024/post", true)]
    [InlineData("/blog/*", "https://a.test/blogs/x", false)]
    [InlineData("/p/?", "https://a.test/p/7", true)]
    [InlineData("/p/?", "https://a.test/p/17", false)]
    [InlineData("/search*", "https://a.test/search?q=1", true)]
    [InlineData("/a.b", "https://a.test/aXb", false)]
    [InlineData("re:^/p/1[0-4]$", "https://a.test/p/12", true)]
    [InlineData("re:^/p/1[0-4]$", "https://a.test/p/15", false)]
    [InlineData("re:/tag/", "https://a.test/x/tag/y", true)]
    public void Globs_are_anchored_and_regexes_searched(string pattern, string url, bool matches)
    {
        Assert.True(PathPatterns.TryCreate([pattern], "spider.include", out var patterns, out _));
        Assert.Equal(matches, patterns.AnyMatches(new Uri(url)));
    }

    [Theory]
    [InlineData("re:(unclosed", "not a valid regular expression")]
    [InlineData("", "1 to 1000 characters")]
    [InlineData("re:(a)\\1", "not a valid regular expression")]
    public void Bad_patterns_are_refused_with_their_position(string pattern, string message)
    {
        Assert.False(PathPatterns.TryCreate(["/ok", pattern], "spider.exclude", out _, out var problem));
        Assert.StartsWith("spider.exclude[1]", problem, StringComparison.Ordinal);
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_regex_is_no_match_in_linear_time_instead_of_stalling_the_job()
    {
        Assert.True(PathPatterns.TryCreate(["re:^(a+)+$"], "spider.include", out var patterns, out _));
        var hostile = new Uri("https://a.test/" + new string('a', 40) + "!");

        Assert.False(patterns.AnyMatches(hostile));
    }
}
