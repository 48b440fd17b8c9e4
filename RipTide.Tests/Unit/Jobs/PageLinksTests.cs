using System.Text;
using RipTide.Api.Jobs;

namespace RipTide.Tests.Unit.Jobs;

/// <summary>What the spider follows from a page: its links in order and its canonical URL, wherever the document puts them.</summary>
public sealed class PageLinksTests
{
    private static PageLinks Read(string json, int maxLinks = 10) => PageLinks.From(Encoding.UTF8.GetBytes(json), maxLinks);

    [Theory]
    [InlineData("""{"byline":null,"canonical_url":"https://a.test/c","links":[{"rel":null,"text":"A","url":"https://a.test/a"}],"markdown":"m","text":"t","url":"https://a.test/"}""")]
    [InlineData("""{"url":"https://a.test/","text":"t \"links\":[]","markdown":"m","links":[{"url":"https://a.test/a","text":"A"}],"canonical_url":"https://a.test/c"}""")]
    [InlineData("""{"links":[{"url":"https://a.test/a","rel":{"nested":[1,{"url":"no"}]},"text":"A"}],"structured":{"canonical_url":"no"},"canonical_url":"https://a.test/c"}""")]
    public void Links_and_the_canonical_url_are_read_in_any_order_of_the_documents_properties(string json)
    {
        var links = Read(json);

        Assert.Equal(("https://a.test/a", "A"), Assert.Single(links.Links));
        Assert.Equal("https://a.test/c", links.Canonical);
    }

    [Fact]
    public void Links_without_a_string_url_are_passed_over_and_the_rest_kept_up_to_the_limit()
    {
        var links = Read("""{"links":[{"url":null,"text":"none"},7,{"text":"no url"},{"url":"1"},{"url":"2","text":3},{"url":"3"},{"url":"4"}],"canonical_url":null}""", 2);

        Assert.Equal([("1", ""), ("2", "")], links.Links);
        Assert.Null(links.Canonical);
    }

    [Fact]
    public void A_document_without_links_or_with_links_of_another_kind_has_none()
    {
        Assert.Empty(Read("""{"canonical_url":"https://a.test/c","text":"t"}""").Links);
        Assert.Empty(Read("""{"links":{"url":"https://a.test/a"},"text":"t"}""").Links);
        Assert.Same(PageLinks.Empty, Read("[]"));
    }
}
