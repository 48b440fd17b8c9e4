using RipTide.Dashboard.Bench;

namespace RipTide.Tests.Unit;

public sealed class BenchRequestTests
{
    private static readonly Uri Gateway = new("http://localhost:8080/");

    private static BenchRequest Request(BenchKind kind = BenchKind.Tune, string[]? urls = null, bool site = false, int[]? levels = null, int seconds = 5) =>
        new(kind, urls ?? ["https://example.com/a"], site, TestSitePages: 20, Uncached: true, levels ?? [1, 2], seconds);

    [Theory]
    [InlineData(new string[0], false, "Give at least one URL")]
    [InlineData(new[] { "ftp://example.com/" }, false, "Not an http(s) URL")]
    [InlineData(new[] { "--target=http://evil/" }, false, "Not an http(s) URL")]
    public void Bad_url_lists_are_refused_in_words(string[] urls, bool site, string problem) =>
        Assert.StartsWith(problem, Request(urls: urls, site: site).Problem(), StringComparison.Ordinal);

    [Fact]
    public void Levels_and_durations_are_bounded()
    {
        Assert.NotNull(Request(levels: []).Problem());
        Assert.NotNull(Request(levels: [0]).Problem());
        Assert.NotNull(Request(levels: [BenchRequest.MaxLevel + 1]).Problem());
        Assert.NotNull(Request(levels: [1, 2, 3, 4, 5, 6, 7, 8, 9]).Problem());
        Assert.NotNull(Request(kind: BenchKind.Load, seconds: BenchRequest.MaxSecondsPerLevel + 1).Problem());
        Assert.NotNull(Request(urls: [.. Enumerable.Repeat("https://example.com/", BenchRequest.MaxUrls + 1)]).Problem());
        Assert.Null(Request().Problem());
    }

    [Fact]
    public void The_tool_gets_typed_arguments_and_the_urls_as_a_file()
    {
        Assert.Equal(
            ["tune", "--target", "http://localhost:8080/", "--concurrencies", "1,2", "--urls-file", "/tmp/u.txt"],
            Request().Arguments(Gateway, "/tmp/u.txt"));
        Assert.Equal(
            ["load", "--target", "http://localhost:8080/", "--levels", "5,10", "--duration", "7s", "--warmup", "2s", "--uncached", "--site", "--pages", "20"],
            Request(kind: BenchKind.Load, site: true, levels: [5, 10], seconds: 7).Arguments(Gateway, urlsFile: null));
    }
}
