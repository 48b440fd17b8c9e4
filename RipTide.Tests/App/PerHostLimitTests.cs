using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>One per-host limit, held across the Api copies, that a request may lower and that statistics explain.</summary>
[Collection(WholeApp.Name)]
public sealed class PerHostLimitTests(AppHostFixture fixture)
{
    /// <summary>RipTide:Politeness:PerHostConcurrency as the system runs in the tests (the default).</summary>
    private const int ServerPerHostLimit = 8;

    [Fact]
    public async Task A_job_on_both_copies_never_has_more_than_the_per_host_limit_in_flight_at_one_host()
    {
        // Each copy may run 16 of the job's pages at once: 32 together, were the limit kept per copy.
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 60, Branching: 59, LatencyMs: 300));
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(Sitemap: SitemapModes.Skip),
            new CrawlOptions(Concurrency: 16, CacheMode: "bypass")));

        var status = await fixture.Gateway.WaitForJobAsync(job.Id);

        Assert.Equal(60, status.Counts.Succeeded);
        // The site counts a request until its handler returns, a moment after the client has the answer and may
        // start the next: one over the limit is that measuring gap; per copy it would be twice the limit.
        Assert.InRange(site.PeakInFlight, ServerPerHostLimit - 2, ServerPerHostLimit + 1);
    }

    [Fact]
    public async Task Crawl_delay_spaces_requests_across_both_copies()
    {
        var urls = Enumerable.Range(0, 4).Select(_ => fixture.PoliteSite.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri).ToList();
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest(urls, Options: new CrawlOptions(Concurrency: 4, CacheMode: "bypass")));

        var status = await fixture.Gateway.WaitForJobAsync(job.Id);

        Assert.Equal(4, status.Counts.Succeeded);
        var arrivals = urls.Select(url => fixture.PoliteSite.Arrivals(new Uri(url).AbsolutePath).Single()).Order().ToList();
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        // robots.txt asks for a 1 s Crawl-delay; both copies crawl the job, and still the requests come a second
        // apart. The copies space the moments they send; the site sees arrivals, which carry the send path's own
        // delay (a copy's first connection, a busy CI machine: one arrival 190 ms late made the next gap 817 ms).
        // So: no gap far below the delay, and the four requests spread over three delays, less one late arrival.
        var shown = $"gaps between requests (ms): {string.Join(", ", gaps.Select(g => g.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}";
        Assert.True(gaps.All(gap => gap >= 700), shown);
        Assert.True((arrivals[^1] - arrivals[0]).TotalMilliseconds >= 2700, shown);
    }

    [Fact]
    public async Task A_requests_own_delay_spaces_its_requests_to_a_site_without_a_crawl_delay()
    {
        var urls = Enumerable.Range(0, 4).Select(_ => fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri).ToList();

        var response = await fixture.Gateway.CrawlAsync(new CrawlRequest(urls, new CrawlOptions(Concurrency: 4, CacheMode: "bypass", DelayMs: 1000)));

        Assert.Equal(4, response.Successful);
        var arrivals = urls.Select(url => fixture.Site.Arrivals(new Uri(url).AbsolutePath).Single()).Order().ToList();
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        // As for Crawl-delay (above): no gap far below the delay, and the four spread over three delays less a late arrival.
        var shown = $"gaps between requests (ms): {string.Join(", ", gaps.Select(g => g.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}";
        Assert.True(gaps.All(gap => gap >= 700), shown);
        Assert.True((arrivals[^1] - arrivals[0]).TotalMilliseconds >= 2700, shown);
    }

    [Fact]
    public async Task A_request_may_lower_the_per_host_limit_and_statistics_say_what_it_could_use()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 20, Branching: 19, LatencyMs: 200));
        var urls = Enumerable.Range(1, 12).Select(n => site.Url($"/p/{n}")).ToArray();

        var asked32 = await fixture.Gateway.CrawlAsync(new CrawlRequest([.. urls.Select(u => u.AbsoluteUri)], new CrawlOptions(Concurrency: 32, CacheMode: "bypass")));
        var concurrency = asked32.Statistics.Concurrency!;
        Assert.Equal(new CrawlConcurrency(32, ServerPerHostLimit, 1, ServerPerHostLimit, concurrency.PeakInFlight), concurrency);
        Assert.InRange(concurrency.PeakInFlight, 2, 12);

        var peakBefore = site.PeakInFlight;
        var lowered = await fixture.Gateway.CrawlAsync(new CrawlRequest([.. urls.Select(u => u.AbsoluteUri)], new CrawlOptions(Concurrency: 32, CacheMode: "bypass", PerHostConcurrency: 2)));
        Assert.Equal(2, lowered.Statistics.Concurrency!.PerHostLimit);
        Assert.Equal(2, lowered.Statistics.Concurrency.Effective);
        Assert.InRange(lowered.Statistics.Concurrency.PeakInFlight, 1, 2);
        Assert.Equal(12, lowered.Successful);
        Assert.True(peakBefore >= 3, $"the first crawl had only {peakBefore} in flight, so the lowered limit shows nothing");
    }
}
