using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Errors;

namespace RipTide.Tests.App;

/// <summary>
/// Ten times what the Api copies admit, all at once: the excess is refused at the door with 503 and
/// Retry-After, what was admitted is answered in full, memory stays bounded, and the system serves after.
/// </summary>
[Collection(WholeApp.Name)]
public sealed class OverloadTests(AppHostFixture fixture)
{
    /// <summary>The default profile's pipeline buffer: URLs one Api copy admits at once.</summary>
    private const int PipelineBuffer = 1000;
    private const int UrlsPerRequest = 100;
    private const long MemoryBound = 1024L * 1024 * 1024;

    [Fact]
    public async Task At_ten_times_capacity_the_excess_is_shed_with_503_and_memory_stays_bounded()
    {
        var requests = 10 * AppHostFixture.ApiReplicas * PipelineBuffer / UrlsPerRequest;
        var peakMemory = new ConcurrentDictionary<string, long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var metrics = await fixture.SubscribeToMetricsAsync(
            snapshot => peakMemory.AddOrUpdate(snapshot.Replica, snapshot.WorkingSetBytes, (_, peak) => Math.Max(peak, snapshot.WorkingSetBytes)),
            timeout.Token);
        var slug = CrawlApi.UniqueSlug();

        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(r => SendAsync(slug, r, timeout.Token)));

        var served = answers.Where(answer => answer.Status == HttpStatusCode.OK).ToList();
        var shed = answers.Where(answer => answer.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(served.Count + shed.Count == requests, "other statuses: " + string.Join(", ", answers.Select(a => (int)a.Status).Distinct()));
        Assert.NotEmpty(shed);
        Assert.NotEmpty(served);
        Assert.All(shed, answer => Assert.Equal(ProblemTypes.Overloaded, answer.ErrorType));
        Assert.All(shed, answer => Assert.True(answer.RetryAfter is not null, "a shed request says when to retry"));
        // Admitted requests lose nothing: one result per URL, each a document or an error object.
        Assert.All(served, answer => Assert.Equal(UrlsPerRequest, answer.CompleteResults));

        foreach (var api in AppHostFixture.ApiCopyNames)
        {
            Assert.True(peakMemory.GetValueOrDefault(api) is > 0 and < MemoryBound, $"{api} peaked at {peakMemory.GetValueOrDefault(api) / 1048576} MB");
        }

        using var health = await fixture.Gateway.GetAsync("/health", timeout.Token);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(timeout.Token));
        Assert.Equal(1, (await fixture.Gateway.CrawlAsync(fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}"))).Successful);
    }

    /// <summary>
    /// 100 URLs of pages that take longer than the request's 1 s deadline, so admitted requests hold their
    /// capacity for about a second and end in per-URL errors.
    /// </summary>
    private async Task<Answer> SendAsync(string slug, int request, CancellationToken cancellationToken)
    {
        var urls = Enumerable.Range(0, UrlsPerRequest).Select(i => fixture.Site.Url($"/slow/{slug}-{request}-{i}?ms=1500").AbsoluteUri).ToList();
        using var response = await fixture.Gateway.PostAsJsonAsync(
            "/crawl", new CrawlRequest(urls, new CrawlOptions(CacheMode: "bypass", TimeoutMs: 1000)), RipTideJsonContext.Default.CrawlRequest, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var errorType = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(body).RootElement.GetProperty("error_type").GetString()
                : null;
            return new Answer(response.StatusCode, errorType, response.Headers.RetryAfter, 0);
        }

        var crawl = JsonSerializer.Deserialize(body, RipTideJsonContext.Default.CrawlResponse)!;
        return new Answer(response.StatusCode, null, null, crawl.Results.Count(result => result.Document is not null || result.Error is not null));
    }

    private sealed record Answer(HttpStatusCode Status, string? ErrorType, System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter, int CompleteResults);
}
