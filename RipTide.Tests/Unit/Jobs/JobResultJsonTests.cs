using System.Text;
using System.Text.Json;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.Unit.Jobs;

public sealed class JobResultJsonTests
{
    [Fact]
    public void A_stored_result_is_the_crawl_result_with_depth_and_origin_and_its_document_verbatim()
    {
        var document = Encoding.UTF8.GetBytes("""{"title":"T","links":[{"url":"https://a.test/x","text":"X \"q\"","rel":null}]}""");
        var result = new StoredDocumentResult(
            new CrawlResult("https://a.test/", "https://a.test/", 200, false, CacheStatuses.Bypass, GateDecisions.Raw, 0.9, 12, "text/html", null, null),
            document);

        using var json = JsonDocument.Parse(JobResultJson.Encode(result, 2, "https://a.test/\"from\""));
        var root = json.RootElement;

        Assert.Equal("https://a.test/", root.GetProperty("url").GetString());
        Assert.Equal(2, root.GetProperty("depth").GetInt32());
        Assert.Equal("https://a.test/\"from\"", root.GetProperty("discovered_from").GetString());
        Assert.Equal("T", root.GetProperty("document").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);

        var links = PageLinks.From(document, 10);
        Assert.Equal(("https://a.test/x", "X \"q\""), Assert.Single(links.Links));
    }

    [Fact]
    public void A_seed_has_no_origin_and_a_document_that_is_not_json_gives_no_links()
    {
        var failed = new CrawlResult("https://a.test/x", null, 0, false, CacheStatuses.Bypass, GateDecisions.Skipped, null, 1, null, null,
            new CrawlError(CrawlErrorTypes.Timeout, "slow", true));
        using var json = JsonDocument.Parse(JobResultJson.Encode(failed, 0, null));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("discovered_from").ValueKind);
        Assert.Equal("timeout", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Same(PageLinks.Empty, PageLinks.From(Encoding.UTF8.GetBytes("{not json"), 10));
        Assert.Equal(3, PageLinks.From(Encoding.UTF8.GetBytes("""{"canonical_url":"https://a.test/c","links":[{"url":"1"},{"url":"2"},{"url":"3"},{"url":"4"},{"text":"no url"}]}"""), 3).Links.Count);
        Assert.Equal("https://a.test/c", PageLinks.From(Encoding.UTF8.GetBytes("""{"canonical_url":"https://a.test/c"}"""), 3).Canonical);
    }
}
