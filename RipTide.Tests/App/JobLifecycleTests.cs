using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>Following, cancelling and refusing jobs: streams that resume, cancel that stops every copy, clear errors.</summary>
[Collection(WholeApp.Name)]
public sealed class JobLifecycleTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Cancel_stops_every_api_copy_within_a_second()
    {
        await using var site = await SpiderSite.StartAsync(new SpiderSite.Shape(Pages: 300, Branching: 3, LatencyMs: 200));
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest([site.Url("/").AbsoluteUri], new SpiderOptions(Sitemap: SitemapModes.Skip),
            new CrawlOptions(Concurrency: 3, CacheMode: "bypass")));
        await fixture.Gateway.WaitForJobAsync(job.Id, status => status.Counts.Crawled >= 6);

        using var cancel = await fixture.Gateway.DeleteAsync($"/jobs/{job.Id}");
        var cancelled = await cancel.Content.ReadFromJsonAsync(RipTideJsonContext.Default.JobStatus);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(JobStatuses.Cancelled, cancelled!.Status);

        await Task.Delay(TimeSpan.FromSeconds(1));
        var afterOneSecond = site.PageRequests.Count;
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(afterOneSecond, site.PageRequests.Count);
        Assert.True(afterOneSecond < 100, $"{afterOneSecond} pages were requested: the job ran on");
        var final = await fixture.Gateway.JobStatusAsync(job.Id);
        Assert.Equal(JobStatuses.Cancelled, final.Status);
        Assert.Equal(0, final.Counts.Queued);
        Assert.NotNull(final.FinishedAt);

        // Cancelling again answers the job as it is.
        using var again = await fixture.Gateway.DeleteAsync($"/jobs/{job.Id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_result_stream_resumes_after_last_event_id_with_nothing_missed_or_repeated()
    {
        var urls = Enumerable.Range(0, 10).Select(_ => fixture.Site.Url($"/slow/{CrawlApi.UniqueSlug()}?ms=300").AbsoluteUri).ToList();
        var job = await fixture.Gateway.SubmitJobAsync(new JobRequest(urls, Options: new CrawlOptions(Concurrency: 1, CacheMode: "bypass")));

        var first = new List<(string Id, string Url)>();
        using (var stream = await OpenStreamAsync(job.Id, lastEventId: null))
        {
            await foreach (var sse in ReadEventsAsync(stream))
            {
                Assert.Equal("result", sse.Event);
                first.Add((sse.Id!, JobsApi.View(sse.Data.GetProperty("result")).Url));
                if (first.Count == 4)
                {
                    break;
                }
            }
        }

        var rest = new List<(string Id, string Url)>();
        string? end = null;
        using (var stream = await OpenStreamAsync(job.Id, lastEventId: first[^1].Id))
        {
            await foreach (var sse in ReadEventsAsync(stream))
            {
                if (sse.Event == "end")
                {
                    end = sse.Data.GetProperty("status").GetString();
                    break;
                }

                if (sse.Event == "result")
                {
                    rest.Add((sse.Id!, JobsApi.View(sse.Data.GetProperty("result")).Url));
                }
            }
        }

        Assert.Equal(JobStatuses.Completed, end);
        Assert.Equal(urls.Order(), first.Concat(rest).Select(r => r.Url).Order());
        Assert.Equal(10, first.Concat(rest).Select(r => r.Id).Distinct().Count());

        // NDJSON, from a cursor by query: the rest of the results, then the end line.
        using var ndjson = await fixture.Gateway.GetAsync($"/jobs/{job.Id}/stream?cursor={first[1].Id}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        var lines = await CrawlStreamClient.ReadAllAsync(ndjson);
        Assert.Equal(8, lines.Count(line => line.Type() == "result"));
        Assert.Equal("end", lines[^1].Type());
    }

    [Fact]
    public async Task Jobs_belong_to_their_caller_and_a_caller_may_run_only_so_many_at_once()
    {
        using var client = fixture.GatewayClient(fixture.ClientKey);
        var slow = Enumerable.Range(0, 3).Select(_ => fixture.Site.Url($"/slow/{CrawlApi.UniqueSlug()}?ms=3000").AbsoluteUri).ToList();
        var mine = new List<string>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                mine.Add((await client.SubmitJobAsync(new JobRequest(slow, Options: new CrawlOptions(Concurrency: 1, CacheMode: "bypass")))).Id);
            }

            using var sixth = await client.PostAsJsonAsync("/jobs", new JobRequest(slow), RipTideJsonContext.Default.JobRequest);
            await ProblemAssert.IsProblemAsync(sixth, HttpStatusCode.TooManyRequests, "rate_limited");

            // Another caller (the admin key) neither sees nor cancels them.
            using var foreign = await fixture.Gateway.GetAsync($"/jobs/{mine[0]}");
            await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.NotFound, "not_found");
            using var foreignCancel = await fixture.Gateway.DeleteAsync($"/jobs/{mine[0]}");
            Assert.Equal(HttpStatusCode.NotFound, foreignCancel.StatusCode);

            var listed = await client.GetFromJsonAsync("/jobs?limit=3", RipTideJsonContext.Default.JobList);
            Assert.Equal(mine[^3..].AsEnumerable().Reverse(), listed!.Jobs.Select(j => j.Id));
            var older = await client.GetFromJsonAsync($"/jobs?limit=3&cursor={listed.NextCursor}", RipTideJsonContext.Default.JobList);
            Assert.Equal(mine[..2].AsEnumerable().Reverse(), older!.Jobs.Take(2).Select(j => j.Id));
        }
        finally
        {
            foreach (var id in mine)
            {
                using var _ = await client.DeleteAsync($"/jobs/{id}");
            }
        }
    }

    [Theory]
    [InlineData("""{"seeds":["https://a.test/"],"spidr":{}}""", "validation_error")]
    [InlineData("""{"seeds":["https://a.test/"],"spider":{"strategy":"random"}}""", "validation_error")]
    [InlineData("""{"seeds":["https://a.test/"],"spider":{"max_depth":-1}}""", "validation_error")]
    [InlineData("""{"seeds":["javascript:alert(1)"]}""", "validation_error")]
    [InlineData("""{"seeds":[]}""", "validation_error")]
    [InlineData("""{"seeds":["https://a.test/"],"webhook":{"url":"gopher://a.test/"}}""", "validation_error")]
    [InlineData("""{"seeds":"https://a.test/"}""", "validation_error")]
    public async Task A_bad_job_request_is_a_problem_saying_what_is_wrong(string body, string errorType)
    {
        using var response = await fixture.Gateway.PostAsync("/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, errorType);
    }

    [Theory]
    [InlineData("/jobs/0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("/jobs/not-an-id/results", HttpStatusCode.NotFound)]
    [InlineData("/jobs/0123456789abcdef0123456789abcdef/results?cursor=../../x", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/0123456789abcdef0123456789abcdef/results?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/jobs/0123456789abcdef0123456789abcdef?verbose=1", HttpStatusCode.BadRequest)]
    [InlineData("/jobs?cursor=yesterday", HttpStatusCode.BadRequest)]
    public async Task Unknown_jobs_and_bad_queries_are_problems(string path, HttpStatusCode status)
    {
        using var response = await fixture.Gateway.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(string id, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{id}/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await fixture.Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private sealed record ServerSentEvent(string? Id, string Event, JsonElement Data);

    private static async IAsyncEnumerable<ServerSentEvent> ReadEventsAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync().WithinAsync(TimeSpan.FromSeconds(60), "the next stream line") is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null && data is not null && type != "heartbeat")
                {
                    using var document = JsonDocument.Parse(data);
                    yield return new ServerSentEvent(id, type, document.RootElement.Clone());
                }

                id = type = data = null;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }
}
