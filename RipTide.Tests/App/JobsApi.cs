using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.App;

/// <summary>How the tests use /jobs through the gateway, as a client would.</summary>
public static class JobsApi
{
    public static readonly TimeSpan JobLimit = TimeSpan.FromSeconds(120);

    /// <summary>A result as served: the /crawl result's fields plus depth and discovered_from.</summary>
    public sealed record JobResultView(string Url, string? FinalUrl, int Status, string? ErrorType, int Depth, string? DiscoveredFrom, string? Title);

    public static async Task<JobAccepted> SubmitJobAsync(this HttpClient gateway, JobRequest request)
    {
        using var response = await gateway.PostAsJsonAsync("/jobs", request, RipTideJsonContext.Default.JobRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /jobs answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, RipTideJsonContext.Default.JobAccepted)!;
    }

    /// <summary>
    /// GET as a client that honours <c>retryable</c> does: a 502/503 (a copy that just died, until the gateway's health
    /// checks take it out) is retried for up to half a minute.
    /// </summary>
    public static async Task<HttpResponseMessage> GetRetryingAsync(this HttpClient gateway, string path)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await gateway.GetAsync(path);
            if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable) || DateTime.UtcNow > until)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(250);
        }
    }

    public static async Task<JobStatus> JobStatusAsync(this HttpClient gateway, string id)
    {
        using var response = await gateway.GetRetryingAsync($"/jobs/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /jobs/{id} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, RipTideJsonContext.Default.JobStatus)!;
    }

    /// <summary>Polls the job until <paramref name="condition"/> holds; an answer from a copy that is down (502/503) is polled again.</summary>
    public static async Task<JobStatus> WaitForJobAsync(this HttpClient gateway, string id, Func<JobStatus, bool> condition, TimeSpan? limit = null)
    {
        var within = limit ?? JobLimit;
        JobStatus? last = null;
        var reached = await Poll.UntilAsync(async () =>
        {
            using var response = await gateway.GetRetryingAsync($"/jobs/{id}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET /jobs/{id} answered {(int)response.StatusCode}: {body}");
            last = JsonSerializer.Deserialize(body, RipTideJsonContext.Default.JobStatus)!;
            return condition(last);
        }, within);
        Assert.True(reached, $"job {id} did not get there within {within.TotalSeconds} s; last status {last?.Status}, crawled {last?.Counts.Crawled}, queued {last?.Counts.Queued}, webhook {last?.Webhook}");
        return last!;
    }

    /// <summary>Polls the job until it has ended.</summary>
    public static Task<JobStatus> WaitForJobAsync(this HttpClient gateway, string id, TimeSpan? limit = null) =>
        gateway.WaitForJobAsync(id, status => JobStatuses.IsFinished(status.Status), limit);

    /// <summary>Every result, read page by page with the cursor.</summary>
    public static async Task<List<JobResultView>> AllResultsAsync(this HttpClient gateway, string id, int limit = 100)
    {
        var results = new List<JobResultView>();
        string? cursor = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var (page, next) = await gateway.ResultsPageAsync(id, cursor, limit);
            results.AddRange(page);
            if (next is null)
            {
                return results;
            }

            Assert.True(page.Count > 0 || next == cursor, "a page without results must repeat the cursor");
            if (page.Count == 0)
            {
                await Task.Delay(200);
            }

            cursor = next;
        }

        throw new InvalidOperationException("The results never ended.");
    }

    public static async Task<(List<JobResultView> Results, string? Next)> ResultsPageAsync(this HttpClient gateway, string id, string? cursor, int limit)
    {
        var query = cursor is null ? $"?limit={limit}" : $"?limit={limit}&cursor={cursor}";
        using var response = await gateway.GetRetryingAsync($"/jobs/{id}/results{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET results answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var results = root.GetProperty("results").EnumerateArray().Select(View).ToList();
        return (results, root.GetProperty("next_cursor").GetString());
    }

    public static JobResultView View(JsonElement result) => new(
        result.GetProperty("url").GetString()!,
        result.GetProperty("final_url").GetString(),
        result.GetProperty("status").GetInt32(),
        result.GetProperty("error").ValueKind == JsonValueKind.Null ? null : result.GetProperty("error").GetProperty("type").GetString(),
        result.GetProperty("depth").GetInt32(),
        result.GetProperty("discovered_from").GetString(),
        result.GetProperty("document").ValueKind == JsonValueKind.Object ? result.GetProperty("document").GetProperty("title").GetString() : null);
}
