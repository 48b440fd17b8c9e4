using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RipTide.Api.Caching;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using Options = Microsoft.Extensions.Options.Options;

namespace RipTide.Tests.Unit;

/// <summary>The warmer's own budget: URLs and requests in all, and a share per caller; nothing of client admission.</summary>
public sealed class CacheWarmerTests
{
    private static CrawlPlan Plan(int urls) => new(
        [.. Enumerable.Range(0, urls).Select(i => new CrawlTarget($"https://site.example/{i}", new Uri($"https://site.example/{i}")))],
        Concurrency: 16, CacheMode.ReadWrite, CacheTtlOverride: null, TimeSpan.FromSeconds(5),
        new PageOutput("article", "auto", false, true, null), RespectRobots: true);

    private static CacheWarmer Warmer(CacheOptions options) =>
        new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), Options.Create(options), NullLogger<CacheWarmer>.Instance);

    [Fact]
    public void A_caller_gets_its_share_and_another_caller_still_gets_in()
    {
        using var warmer = Warmer(new CacheOptions { MaxQueuedWarmRequestsPerCaller = 2 });

        Assert.Equal(WarmQueueing.Queued, warmer.TryEnqueue(Plan(10), "key:a"));
        Assert.Equal(WarmQueueing.Queued, warmer.TryEnqueue(Plan(10), "key:a"));
        Assert.Equal(WarmQueueing.CallerLimit, warmer.TryEnqueue(Plan(10), "key:a"));
        Assert.Equal(WarmQueueing.Queued, warmer.TryEnqueue(Plan(10), "net:10.0.0.1"));
        Assert.Equal(3, warmer.QueuedRequests);
        Assert.Equal(30, warmer.QueuedUrls);
    }

    [Fact]
    public void The_url_budget_and_the_request_budget_are_each_a_hard_cap()
    {
        using var byUrls = Warmer(new CacheOptions { MaxQueuedWarmUrls = 150, MaxQueuedWarmRequestsPerCaller = 100 });
        Assert.Equal(WarmQueueing.Queued, byUrls.TryEnqueue(Plan(100), "a"));
        Assert.Equal(WarmQueueing.Full, byUrls.TryEnqueue(Plan(100), "b"));
        Assert.Equal(WarmQueueing.Queued, byUrls.TryEnqueue(Plan(50), "b"));

        using var byRequests = Warmer(new CacheOptions { MaxQueuedWarmRequests = 2, MaxQueuedWarmRequestsPerCaller = 100 });
        Assert.Equal(WarmQueueing.Queued, byRequests.TryEnqueue(Plan(1), "a"));
        Assert.Equal(WarmQueueing.Queued, byRequests.TryEnqueue(Plan(1), "b"));
        Assert.Equal(WarmQueueing.Full, byRequests.TryEnqueue(Plan(1), "c"));
    }

    [Fact]
    public void One_request_larger_than_the_url_budget_is_taken_when_nothing_else_is_queued()
    {
        using var warmer = Warmer(new CacheOptions { MaxQueuedWarmUrls = 10 });

        Assert.Equal(WarmQueueing.Queued, warmer.TryEnqueue(Plan(50), "a"));
        Assert.Equal(WarmQueueing.Full, warmer.TryEnqueue(Plan(1), "a"));
    }
}
