using Microsoft.Extensions.Time.Testing;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.Unit;

public sealed class RecentCrawlLogTests
{
    private static CrawlResult Result(string url, CrawlError? error = null) =>
        new(url, url, error is null ? 200 : 0, FromCache: false, CacheStatuses.Miss, GateDecisions.Raw, 0.8, 12, "text/html", null, error);

    [Fact]
    public void Keeps_only_the_newest_urls_newest_first()
    {
        var time = new FakeTimeProvider();
        var log = new RecentCrawlLog(time);

        for (var i = 0; i < RecentCrawlLog.Capacity + 3; i++)
        {
            log.Add(Result($"https://example.com/{i}"));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var newest = log.Newest();
        Assert.Equal(RecentCrawlLog.Capacity, newest.Count);
        Assert.Equal("https://example.com/12", newest[0].Url);
        Assert.Equal("https://example.com/3", newest[^1].Url);
        Assert.True(newest[0].FinishedAt > newest[1].FinishedAt);
    }

    [Fact]
    public void Failures_keep_their_error_type_and_long_urls_are_shortened()
    {
        var log = new RecentCrawlLog(new FakeTimeProvider());
        log.Add(Result("https://example.com/" + new string('a', 5000), new CrawlError(CrawlErrorTypes.Timeout, "slow", Retryable: true)));

        var entry = Assert.Single(log.Newest());
        Assert.Equal(CrawlErrorTypes.Timeout, entry.ErrorType);
        Assert.True(entry.Url.Length <= 2049);
        Assert.EndsWith("…", entry.Url, StringComparison.Ordinal);
    }
}
