using System.Net;
using System.Net.Http.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;

namespace RipTide.Tests.App;

/// <summary>
/// Parts of the running system stopped or killed while it works: nothing hangs, no result is lost, every
/// failure is a clean error, and the system recovers when the part is back.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class FaultInjectionTests(AppHostFixture fixture)
{
    private const int BurstUrls = 16;
    private const int FirstWave = 4;
    private static readonly TimeSpan BurstLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Redis_killed_during_a_crawl_burst_loses_no_result_and_caching_resumes_after_its_restart()
    {
        var burst = CrawlBurstAsync(out _, out var slug);
        await KillMidBurstAsync(burst, slug, fixture.KillCacheAsync);
        try
        {
            var response = await burst.WithinAsync(BurstLimit, "the crawl burst");

            Assert.Equal(BurstUrls, response.TotalUrls);
            Assert.Equal(BurstUrls, response.Successful);
            // The burst was served while the cache was down (it still is: the restart comes below).
            var stats = await fixture.Gateway.GetFromJsonAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats);
            Assert.False(stats!.Available);
        }
        finally
        {
            await fixture.StartCacheAsync();
        }

        // Caching resumes after the restart (the server reloads its append-only file: what was written more than
        // a second before the kill may still be there, so only a new page is checked).
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}");
        Assert.Equal(CacheStatuses.Miss, (await fixture.Gateway.CrawlAsync(url)).Results[0].CacheStatus);
        Assert.Equal(CacheStatuses.Hit, (await fixture.Gateway.CrawlAsync(url)).Results[0].CacheStatus);
    }

    [Fact]
    public async Task An_extractor_killed_mid_burst_fails_its_urls_cleanly_and_extraction_resumes_when_it_is_back()
    {
        var burst = CrawlBurstAsync(out var urls, out var slug);
        await KillMidBurstAsync(burst, slug, () => fixture.KillServiceAsync(ResourceNames.Extractor));
        try
        {
            var response = await burst.WithinAsync(BurstLimit, "the crawl burst");

            Assert.Equal(BurstUrls, response.TotalUrls);
            Assert.Equal(urls.Order(), response.Results.Select(result => result.Url).Order());
            // The pages fetched after the kill had no Extractor: the kill landed mid-burst.
            Assert.Contains(response.Results, result => result.Error is { Type: CrawlErrorTypes.ExtractionError });
            foreach (var result in response.Results)
            {
                Assert.True(result.Document is not null || result.Error is { Type: CrawlErrorTypes.ExtractionError, Retryable: true },
                    $"{result.Url}: neither a document nor a retryable extraction error ({result.Error?.Type})");
            }
        }
        finally
        {
            await fixture.StartResourceAsync(ResourceNames.Extractor);
        }

        var after = await Eventually.RetryUntilAsync(
            () => fixture.Gateway.CrawlAsync(new CrawlRequest([fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri])),
            response => response.Successful == 1);
        Assert.Equal(1, after.Successful);
    }

    [Fact]
    public async Task An_api_copy_killed_is_ejected_by_the_gateway_and_later_requests_succeed()
    {
        var killed = ResourceNames.ApiCopy(AppHostFixture.ApiReplicas - 1);
        await fixture.KillServiceAsync(killed);
        try
        {
            // Until the gateway's health checks eject the copy, a request sent to it is refused cleanly
            // (503, retryable); after that every request is served by the copies left.
            var refusals = new List<string>();
            var served = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (served < 10)
            {
                using var response = await fixture.Gateway.PostAsync("/crawl", JsonContent(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}")), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    served++;
                    continue;
                }

                served = 0;
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, ProblemTypes.UpstreamUnavailable);
                refusals.Add(response.Headers.RetryAfter?.ToString() ?? "no Retry-After");
                await Task.Delay(250, timeout.Token);
            }

            Assert.DoesNotContain("no Retry-After", refusals);

            // Round robin over the copies left: none of the next answers comes from the one killed.
            for (var i = 0; i < AppHostFixture.ApiReplicas * 2; i++)
            {
                var hosts = await fixture.Gateway.GetFromJsonAsync("/admin/fetch/hosts", RipTideJsonContext.Default.FetchHostsStats, timeout.Token);
                Assert.NotEqual(killed, hosts!.Replica);
            }
        }
        finally
        {
            await fixture.StartResourceAsync(killed);
        }
    }

    /// <summary>
    /// Runs <paramref name="kill"/> once the test site has seen the burst's first wave of requests, while the
    /// burst is still running (it fails the test if the burst was already over: the kill would prove nothing).
    /// </summary>
    private async Task KillMidBurstAsync(Task<CrawlResponse> burst, string slug, Func<Task> kill)
    {
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(fixture.Site.Arrivals($"/slow/{slug}-").Count >= FirstWave), TimeSpan.FromSeconds(30)),
            $"the test site never saw {FirstWave} requests of the burst");
        Assert.False(burst.IsCompleted, "the burst ended before the kill");
        await kill();
    }

    /// <summary>Starts a crawl of pages that each take 300 ms to serve, four at a time: about 1.5 s of work.</summary>
    private Task<CrawlResponse> CrawlBurstAsync(out string[] urls, out string slug)
    {
        var unique = CrawlApi.UniqueSlug();
        slug = unique;
        urls = [.. Enumerable.Range(0, BurstUrls).Select(i => fixture.Site.Url($"/slow/{unique}-{i}?ms=300").AbsoluteUri)];
        return fixture.Gateway.CrawlAsync(new CrawlRequest(urls, new CrawlOptions(Concurrency: 4, CacheMode: "read_write", TimeoutMs: 60_000)));
    }

    private static StringContent JsonContent(Uri url) =>
        new(System.Text.Json.JsonSerializer.Serialize(new CrawlRequest([url.AbsoluteUri]), RipTideJsonContext.Default.CrawlRequest), System.Text.Encoding.UTF8, "application/json");
}
