using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>Jobs survive what kills processes: an Api copy, or Redis itself, dying mid-crawl.</summary>
[Collection(WholeApp.Name)]
public sealed class JobFaultTests(AppHostFixture fixture)
{
    /// <summary>120 pages of 300 ms, 4 at a time (2 per copy): about 9 s of crawling, so the kill lands mid-job.</summary>
    private static readonly SpiderSite.Shape SlowSite = new(Pages: 120, Branching: 3, LatencyMs: 300);

    [Fact]
    public async Task An_api_copy_killed_mid_job_leaves_entries_the_other_copy_reclaims_and_every_page_is_delivered_once()
    {
        await using var site = await SpiderSite.StartAsync(SlowSite);
        var job = await StartSlowJobAsync(site);
        var killed = ResourceNames.ApiCopy(1);
        await fixture.KillServiceAsync(killed);
        try
        {
            Assert.Equal(JobStatuses.Running, (await fixture.Gateway.JobStatusAsync(job.Id)).Status);

            var status = await AssertEveryPageOnceAsync(job.Id);
            Assert.Equal(120, status.Counts.Succeeded);
            // Only the kill makes a page be fetched twice: the dead copy's in-flight pages were reclaimed and fetched again.
            Assert.True(site.PageRequests.Count > site.PageRequests.Distinct().Count(), "no page was fetched again after the kill");
        }
        finally
        {
            await fixture.StartResourceAsync(killed);
        }
    }

    [Fact]
    public async Task Redis_killed_mid_job_restarts_from_its_append_only_file_and_the_job_completes_with_every_page_once()
    {
        await using var site = await SpiderSite.StartAsync(SlowSite);
        var job = await StartSlowJobAsync(site);
        // Past the append-only file's one-second fsync, so that what was crawled so far is on disk.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var beforeKill = site.PageRequests.Count;
        await fixture.KillCacheAsync();
        await fixture.StartCacheAsync();
        Assert.Equal(JobStatuses.Running, (await fixture.Gateway.JobStatusAsync(job.Id)).Status);

        await AssertEveryPageOnceAsync(job.Id);
        // The job went on from where Redis's file left it, rather than starting over.
        Assert.True(site.PageRequests.Count < beforeKill + 120, $"{site.PageRequests.Count} page requests: the crawl started again from the seed");
    }

    /// <summary>A spider job on the slow site, once it has crawled its first pages.</summary>
    private async Task<JobAccepted> StartSlowJobAsync(SpiderSite site)
    {
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(Sitemap: SitemapModes.Skip),
            new CrawlOptions(Concurrency: 2, CacheMode: "bypass")));
        await fixture.Gateway.WaitForJobAsync(job.Id, status => status.Counts.Crawled >= 10);
        return job;
    }

    /// <summary>The job completes with every page of the site delivered exactly once, and counted once.</summary>
    private async Task<JobStatus> AssertEveryPageOnceAsync(string id)
    {
        var status = await fixture.Gateway.WaitForJobAsync(id);
        var results = await fixture.Gateway.AllResultsAsync(id);

        Assert.Equal(JobStatuses.Completed, status.Status);
        Assert.Equal(SpiderSite.AllPages(SlowSite), results.Select(r => new Uri(r.Url).AbsolutePath).Order());
        Assert.Equal(120, status.Counts.Crawled);
        return status;
    }
}
