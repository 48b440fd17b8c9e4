using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Caching;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;

namespace RipTide.Dashboard.Gateway;

/// <summary>
/// The dashboard's actions, sent through the gateway (the public entry) exactly as a user's client would
/// send them, so they pass the same edge policy. Failures come back as an <see cref="ActionOutcome"/> for
/// the page to show, never as exceptions.
/// </summary>
public sealed class GatewayClient(HttpClient client)
{
    /// <summary>Longest NDJSON line accepted from a stream (a result with a large document).</summary>
    public const int MaxLineChars = 4 * 1024 * 1024;

    public Task<ActionOutcome> ResetPoolAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/admin/wasm/reset", content: null, "Pool reset: every slot is recycled.", cancellationToken);

    public Task<ActionOutcome> WarmCacheAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/admin/cache/warm", JsonContent.Create(new CrawlRequest(urls), RipTideJsonContext.Default.CrawlRequest),
            $"Warming {urls.Count} URL(s) in the background.", cancellationToken);

    public Task<ActionOutcome> InvalidateCacheAsync(string prefix, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/admin/cache?prefix={Uri.EscapeDataString(prefix)}", content: null, "Invalidated.", cancellationToken);

    public Task<CacheStats?> CacheStatsAsync(CancellationToken cancellationToken) =>
        GetAsync("/admin/cache/stats", RipTideJsonContext.Default.CacheStats, cancellationToken);

    /// <summary>Every caller's recent jobs (an admin route); null when the gateway does not answer.</summary>
    public Task<JobList?> JobsAsync(CancellationToken cancellationToken) =>
        GetAsync("/admin/jobs?limit=50", RipTideJsonContext.Default.JobList, cancellationToken);

    public Task<JobDetail?> JobAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"/admin/jobs/{Uri.EscapeDataString(id)}", RipTideJsonContext.Default.JobDetail, cancellationToken);

    public Task<ActionOutcome> CancelJobAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/admin/jobs/{Uri.EscapeDataString(id)}", content: null, "Cancelled: every Api copy stops its pages.", cancellationToken);

    /// <summary>A GET answered with JSON; null for any failure (the page keeps what it showed).</summary>
    private async Task<T?> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await client.GetAsync(path, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>POST /crawl/stream; yields each line as it arrives. A refused request throws <see cref="GatewayRefusedException"/>.</summary>
    public async IAsyncEnumerable<JsonElement> StreamCrawlAsync(CrawlRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/crawl/stream")
        {
            Content = JsonContent.Create(request, RipTideJsonContext.Default.CrawlRequest),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayRefusedException((int)response.StatusCode, await ProblemDetailAsync(response, cancellationToken));
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > MaxLineChars)
            {
                throw new InvalidDataException($"A stream line is longer than {MaxLineChars} characters.");
            }

            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }

    private async Task<ActionOutcome> SendAsync(HttpMethod method, string path, HttpContent? content, string success, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ActionOutcome(true, success);
            }

            var detail = await ProblemDetailAsync(response, cancellationToken);
            return new ActionOutcome(false, $"{(int)response.StatusCode}: {detail}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ActionOutcome(false, $"The gateway did not answer: {ex.Message}");
        }
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var detail))
            {
                return detail.GetString() ?? response.ReasonPhrase ?? "failed";
            }
        }
        catch (JsonException)
        {
        }

        return response.ReasonPhrase ?? "failed";
    }
}

/// <summary>What a dashboard action did, in words for the page.</summary>
public sealed record ActionOutcome(bool Succeeded, string Message);

/// <summary>The gateway refused a request (4xx/5xx); the message is the problem's detail.</summary>
public sealed class GatewayRefusedException(int status, string detail) : Exception($"{status}: {detail}")
{
    public int Status { get; } = status;
}
