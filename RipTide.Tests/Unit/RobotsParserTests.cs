using RipTide.Api.Politeness;

namespace RipTide.Tests.Unit;

public sealed class RobotsParserTests
{
    private const string Token = "RipTide-Crawler";

    private static bool Allowed(string robots, string path) =>
        RobotsParser.Parse(robots, Token).IsAllowed(new Uri("https://example.com" + path));

    [Theory]
    [InlineData("/private/page", false)]
    [InlineData("/private/public/page", true)] // the longer Allow wins
    [InlineData("/index.html", true)]
    [InlineData("/files/file.pdf", false)] // * and $
    [InlineData("/files/file.pdf?x=1", true)] // $ anchors the end
    [InlineData("/downloads/file.pdf", true)] // the longer Allow beats the shorter *.pdf$
    [InlineData("/a/tmp/b", false)] // * in the middle
    [InlineData("/robots.txt", true)] // always allowed
    public void Wildcard_group_rules_use_the_longest_match(string path, bool allowed)
    {
        const string robots = """
            # comment
            User-agent: *
            Disallow: /private/
            Allow: /private/public/
            Disallow: /*.pdf$
            Disallow: /*/tmp/
            Disallow: /
            Allow: /index.html
            Allow: /downloads/
            Allow: /a/
            """;

        Assert.Equal(allowed, Allowed(robots.Replace("Disallow: /\n", string.Empty, StringComparison.Ordinal), path));
    }

    [Fact]
    public void A_group_naming_our_product_token_replaces_the_wildcard_group_and_groups_merge()
    {
        const string robots = """
            User-agent: *
            Disallow: /

            User-agent: riptide-crawler/2.0
            User-agent: OtherBot
            Disallow: /admin
            Crawl-delay: 2.5

            User-agent: RipTide-Crawler
            Disallow: /secret
            """;

        var rules = RobotsParser.Parse(robots, Token);

        Assert.True(rules.IsAllowed(new Uri("https://example.com/articles/1")));
        Assert.False(rules.IsAllowed(new Uri("https://example.com/admin/users")));
        Assert.False(rules.IsAllowed(new Uri("https://example.com/secret")));
        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
    }

    [Fact]
    public void An_equal_length_allow_wins_the_tie_and_an_empty_disallow_allows_everything()
    {
        Assert.True(Allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page"));
        Assert.True(Allowed("User-agent: *\nDisallow:\n", "/anything"));
    }

    [Fact]
    public void No_matching_group_or_an_empty_file_allows_everything()
    {
        Assert.True(Allowed("User-agent: SomeoneElse\nDisallow: /\n", "/page"));
        Assert.True(Allowed(string.Empty, "/page"));
        Assert.True(Allowed("garbage without colons\n\0\0\n", "/page"));
    }

    [Fact]
    public void A_pathological_pattern_is_matched_without_backtracking_blowup()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 200)) + "b";
        var path = "/" + new string('a', 5000);

        Assert.True(Allowed($"User-agent: *\nDisallow: {pattern}\n", path));
    }
}
