using RipTide.Extractor.Extraction;

namespace RipTide.Tests.Unit;

/// <summary>include_selectors / exclude_selectors narrow the page before extraction.</summary>
public sealed class HtmlFilterTests
{
    private const string Page = """
        <html><head><title>Tides</title><meta name="description" content="D"></head><body>
          <nav>Menu</nav>
          <article><h1>Headline</h1><p class="lead">Lead</p><aside class="ad">Buy now</aside><p>Body</p></article>
          <section class="post"><p>Second</p></section>
          <footer>Footer</footer>
        </body></html>
        """;

    private static readonly Uri Url = new("https://news.example/a");

    private static async Task<string> ApplyAsync(string[] include, string[] exclude)
    {
        Assert.True(HtmlFilter.TryCreate(include, exclude, out var filter, out var problem), problem);
        return await filter!.ApplyAsync(Page, Url, CancellationToken.None);
    }

    [Fact]
    public async Task Include_keeps_only_the_matches_in_page_order_and_the_head()
    {
        var html = await ApplyAsync(["section.post", "article", "article p"], []);

        Assert.Contains("<title>Tides</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Menu", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Footer", html, StringComparison.Ordinal);
        // The article's own paragraphs come once, inside it; the article comes before the section, as on the page.
        Assert.Equal(1, html.Split("Lead").Length - 1);
        Assert.True(html.IndexOf("Headline", StringComparison.Ordinal) < html.IndexOf("Second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exclude_removes_the_matches_wherever_they_are()
    {
        var html = await ApplyAsync([], ["nav", ".ad", "footer"]);

        Assert.DoesNotContain("Menu", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy now", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Footer", html, StringComparison.Ordinal);
        Assert.Contains("Body", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exclusion_applies_inside_what_is_included()
    {
        var html = await ApplyAsync(["article"], [".ad"]);

        Assert.Contains("Body", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy now", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "article[" }, new string[0], "include_selectors[0]: 'article[' is not a valid CSS selector.")]
    [InlineData(new[] { "p" }, new[] { "nav", "::bogus(" }, "exclude_selectors[1]: '::bogus(' is not a valid CSS selector.")]
    public void A_selector_that_does_not_parse_is_named(string[] include, string[] exclude, string expected)
    {
        Assert.False(HtmlFilter.TryCreate(include, exclude, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Without_selectors_there_is_nothing_to_filter()
    {
        Assert.True(HtmlFilter.TryCreate(null, [], out var filter, out _));
        Assert.Null(filter);
    }
}
