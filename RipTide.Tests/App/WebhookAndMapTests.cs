using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>Job webhooks (signed, retried, given up, SSRF-guarded) and POST /map.</summary>
[Collection(WholeApp.Name)]
public sealed class WebhookAndMapTests(AppHostFixture fixture)
{
    private static readonly CrawlOptions Fast = new(Concurrency: 4, CacheMode: "bypass");

    [Fact]
    public async Task Every_event_is_posted_signed_with_the_servers_secret_and_counted()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 5));
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = new JobWebhook(receiver.Url.AbsoluteUri, new Dictionary<string, string> { ["X-Custom"] = "mine" });
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(Sitemap: SitemapModes.Skip), Fast, hook));

        await fixture.Gateway.WaitForJobAsync(job.Id);
        var status = await fixture.Gateway.WaitForJobAsync(job.Id, s => s.Webhook!.Delivered == 7);

        // Events come from both copies, several deliveries at a time: each is counted, none is ordered (each has "at").
        var deliveries = receiver.Deliveries;
        Assert.Equal(7, deliveries.Count);
        Assert.Equal(1, deliveries.Count(d => d.Event == "started"));
        Assert.Equal(1, deliveries.Count(d => d.Event == "completed"));
        Assert.Equal(5, deliveries.Count(d => d.Event == "page"));
        foreach (var delivery in deliveries)
        {
            Assert.True(WebhookSignature.Verify(fixture.WebhookKey, delivery.Signature!, delivery.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                $"the {delivery.Event} event's signature does not verify");
            Assert.False(WebhookSignature.Verify("another secret", delivery.Signature!, delivery.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            Assert.Equal("mine", delivery.Custom);
            using var body = JsonDocument.Parse(delivery.Body);
            Assert.Equal(job.Id, body.RootElement.GetProperty("job_id").GetString());
            Assert.Equal(delivery.Event, body.RootElement.GetProperty("type").GetString());
        }

        var page = deliveries.First(d => d.Event == "page");
        using (var pageBody = JsonDocument.Parse(page.Body))
        {
            Assert.StartsWith("Page ", pageBody.RootElement.GetProperty("data").GetProperty("document").GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, status.Webhook!.Failed);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_then_given_up_and_an_internal_address_is_never_reached()
    {
        await using var receiver = await WebhookReceiver.StartAsync(status: 500);
        var urls = new[] { fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri };

        var failing = await fixture.Gateway.SubmitJobAsync(new JobRequest(urls, Options: Fast, Webhook: new JobWebhook(receiver.Url.AbsoluteUri, Events: [JobEvents.Completed])));
        var failed = await fixture.Gateway.WaitForJobAsync(failing.Id, s => s.Webhook!.Failed == 1);
        // Four attempts (the configured maximum), three of them retries, all for the one event asked for.
        Assert.Equal(4, receiver.Deliveries.Count);
        Assert.All(receiver.Deliveries, d => Assert.Equal("completed", d.Event));
        Assert.Equal(3, failed.Webhook!.Retries);
        Assert.Equal(0, failed.Webhook.Delivered);

        var metadata = await fixture.Gateway.SubmitJobAsync(new JobRequest(urls, Options: Fast, Webhook: new JobWebhook("http://169.254.169.254/latest/meta-data/", Events: [JobEvents.Completed])));
        var guarded = await fixture.Gateway.WaitForJobAsync(metadata.Id, s => s.Webhook!.Failed == 1);
        Assert.Equal(JobStatuses.Completed, guarded.Status);
        Assert.Equal(0, guarded.Webhook!.Delivered);
    }

    [Fact]
    public async Task Map_lists_a_sites_urls_from_its_sitemaps_and_start_page_within_scope_robots_search_and_limit()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 7, Orphans: 3));

        var all = await MapAsync(new MapRequest(site.Url("/").AbsoluteUri));
        var paths = all.Links.Select(link => new Uri(link)).ToList();
        Assert.All(paths, url => Assert.Equal(site.BaseAddress.Authority, url.Authority));
        Assert.Equal(["/", "/orphan/0", "/orphan/1", "/orphan/2", "/p/1", "/p/2"], paths.Select(url => url.AbsolutePath).Order());
        Assert.Equal(4, all.Sources.Sitemap);

        var searched = await MapAsync(new MapRequest(site.Url("/").AbsoluteUri, Search: "orphan", Limit: 2));
        Assert.Equal(2, searched.Links.Count);
        Assert.All(searched.Links, link => Assert.Contains("/orphan/", link, StringComparison.Ordinal));

        var pageOnly = await MapAsync(new MapRequest(site.Url("/").AbsoluteUri, Sitemap: SitemapModes.Skip));
        Assert.Equal(["/", "/p/1", "/p/2"], pageOnly.Links.Select(link => new Uri(link).AbsolutePath).Order());

        // No page was extracted beyond the start page, and nothing disallowed was fetched.
        Assert.DoesNotContain(site.Requests, path => path.StartsWith("/orphan/", StringComparison.Ordinal) || path.StartsWith("/private/", StringComparison.Ordinal));

        using var bad = await fixture.Gateway.PostAsync("/map", new StringContent("""{"url":"https://a.test/","limit":0}""", Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "validation_error");
    }

    private async Task<MapResponse> MapAsync(MapRequest request)
    {
        using var response = await fixture.Gateway.PostAsJsonAsync("/map", request, RipTideJsonContext.Default.MapRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /map answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, RipTideJsonContext.Default.MapResponse)!;
    }
}
