using System.Net;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

[Collection(WholeApp.Name)]
public sealed class StreamTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_50_url_stream_read_slowly_delivers_every_result_once_with_progress_and_a_summary()
    {
        var urls = Enumerable.Range(0, 50).Select(_ => fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri).ToList();
        urls[7] = fixture.Site.Url($"/missing/{CrawlApi.UniqueSlug()}").AbsoluteUri;
        var request = new CrawlRequest(urls, new CrawlOptions(Concurrency: 4));

        using var response = await CrawlStreamClient.OpenAsync(fixture.Gateway, request, sessionId: "session-42");
        var lines = await CrawlStreamClient.ReadAllAsync(response, pausePerLine: TimeSpan.FromMilliseconds(40));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("session-42", Assert.Single(response.Headers.GetValues(CrawlHeaders.SessionId)));
        var start = lines[0];
        Assert.Equal("start", start.Type());
        Assert.Equal("session-42", start.GetProperty("session_id").GetString());
        Assert.Equal(50, start.GetProperty("total_urls").GetInt32());
        Assert.False(string.IsNullOrEmpty(start.GetProperty("request_id").GetString()));

        var results = lines.Where(line => line.Type() == "result").ToList();
        Assert.Equal(50, results.Count);
        Assert.Equal(Enumerable.Range(0, 50), results.Select(line => line.GetProperty("index").GetInt32()).Order());
        Assert.Equal(Enumerable.Range(1, 50), results.Select(line => line.GetProperty("progress").GetProperty("completed").GetInt32()));
        Assert.All(results, line => Assert.Equal(50, line.GetProperty("progress").GetProperty("total").GetInt32()));
        foreach (var line in results)
        {
            var index = line.GetProperty("index").GetInt32();
            var result = line.Result();
            Assert.Equal(urls[index], result.Url);
            Assert.Equal(index == 7 ? CrawlErrorTypes.HttpError : null, result.Error?.Type);
        }

        var summary = lines[^1];
        Assert.Equal("summary", summary.Type());
        Assert.Equal(50, summary.GetProperty("total_urls").GetInt32());
        Assert.Equal(49, summary.GetProperty("successful").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.True(summary.GetProperty("statistics").GetProperty("bytes_fetched").GetInt64() > 0);
    }

    [Fact]
    public async Task Server_sent_events_are_named_after_the_line_type()
    {
        var url = fixture.Site.Url($"/articles/{CrawlApi.UniqueSlug()}").AbsoluteUri;

        using var response = await CrawlStreamClient.OpenAsync(fixture.Gateway, new CrawlRequest([url]), accept: "text/event-stream");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["start", "result", "summary"], events.Select(e => e.Split('\n')[0]["event: ".Length..]));
        Assert.All(events, e => Assert.StartsWith("data: {", e.Split('\n')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeats_until_the_slow_page_arrives()
    {
        var url = fixture.Site.Url($"/slow/{CrawlApi.UniqueSlug()}?ms=5000").AbsoluteUri;

        using var response = await CrawlStreamClient.OpenAsync(fixture.Gateway, new CrawlRequest([url]));
        var types = (await CrawlStreamClient.ReadAllAsync(response)).Select(line => line.Type()).ToList();

        Assert.Equal("start", types[0]);
        Assert.Contains("heartbeat", types);
        Assert.True(types.IndexOf("heartbeat") < types.IndexOf("result"));
        Assert.Equal("summary", types[^1]);
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_the_remaining_fetches()
    {
        var prefix = $"/slow/{CrawlApi.UniqueSlug()}";
        var urls = Enumerable.Range(0, 20).Select(i => fixture.Site.Url($"{prefix}-{i}?ms=1500").AbsoluteUri).ToList();

        // A client of its own that really goes: HttpClient would otherwise drain the rest of the answer for up
        // to 2 s to reuse the connection, and the Api would rightly go on serving it meanwhile.
        using (var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = fixture.Gateway.BaseAddress })
        {
            leaving.DefaultRequestHeaders.Authorization = fixture.Gateway.DefaultRequestHeaders.Authorization;
            using var response = await CrawlStreamClient.OpenAsync(leaving, new CrawlRequest(urls, new CrawlOptions(Concurrency: 2)));
            await using var body = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(body);
            Assert.Contains("\"start\"", await reader.ReadLineAsync(), StringComparison.Ordinal);
            Assert.True(await Poll.UntilAsync(() => Task.FromResult(fixture.Site.Arrivals(prefix).Count > 0), TimeSpan.FromSeconds(10)),
                "the stream's first fetch never reached the site");
        }

        // In flight when the client left: the site sees every fetch that started given up, long before the
        // 1.5 s each takes. Had the crawl gone on, a fetch would always be in flight for 15 s.
        Assert.True(await Poll.UntilAsync(
            () => Task.FromResult(fixture.Site.Arrivals(prefix).Count is var started and > 0 && fixture.Site.Abandoned(prefix) == started),
            TimeSpan.FromSeconds(5)), "the fetches in flight were not cancelled when the client left");
        Assert.InRange(fixture.Site.Arrivals(prefix).Count, 1, 4);
    }

    [Fact]
    public async Task A_bad_stream_request_is_refused_before_the_stream_starts()
    {
        using var response = await CrawlStreamClient.OpenAsync(fixture.Gateway, new CrawlRequest([], null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
