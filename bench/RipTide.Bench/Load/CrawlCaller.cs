using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RipTide.Bench.Load;

/// <summary>What one request cost and whether every URL in it succeeded.</summary>
public readonly record struct CallResult(bool Succeeded, double Milliseconds, int Urls);

/// <summary>
/// Sends crawl requests as a client would: POST /crawl (waits for the JSON answer) or POST /crawl/stream
/// (reads every line to the summary). A request counts as an error when the status is not 2xx, the
/// transport fails, or any URL in it failed.
/// </summary>
public sealed class CrawlCaller(HttpClient client, bool stream, bool cached, int? concurrency = null)
{
    public async Task<CallResult> CallAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, stream ? "/crawl/stream" : "/crawl")
            {
                Content = new StringContent(Body(urls), Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "application/x-ndjson" : "application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var ok = response.IsSuccessStatusCode && await AllSucceededAsync(response, cancellationToken);
            return new CallResult(ok, Stopwatch.GetElapsedTime(started).TotalMilliseconds, urls.Count);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new CallResult(false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, urls.Count);
        }
    }

    /// <summary>Crawls every URL once, 100 per request (the API's default limit), so that later requests hit the cache.</summary>
    public async Task WarmAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        foreach (var chunk in urls.Chunk(100))
        {
            var result = await CallAsync(chunk, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Warming the cache failed: some URLs could not be crawled; check the target and the URL list.");
            }
        }
    }

    private string Body(IReadOnlyList<string> urls)
    {
        var options = new Dictionary<string, object>();
        if (!cached)
        {
            options["cache_mode"] = "bypass";
        }

        if (concurrency is { } c)
        {
            options["concurrency"] = c;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object> { ["urls"] = urls, ["options"] = options });
    }

    private async Task<bool> AllSucceededAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!stream)
        {
            return TopLevelCount(await response.Content.ReadAsByteArrayAsync(cancellationToken), "failed"u8) == 0;
        }

        string? last = null;
        await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
        using (var reader = new StreamReader(body))
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                last = line;
            }
        }

        if (last is null)
        {
            return false;
        }

        using var summary = JsonDocument.Parse(last);
        return summary.RootElement.GetProperty("type").GetString() == "summary" && summary.RootElement.GetProperty("failed").GetInt32() == 0;
    }

    /// <summary>
    /// A top-level number of the answer, read without parsing what follows it: the counts come before the
    /// results, and validating tens of kilobytes of documents per request made the load generator the
    /// box's third-largest CPU consumer, competing with what it measures. Null when absent or not a number.
    /// </summary>
    public static int? TopLevelCount(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var found = reader.ValueTextEquals(name);
                reader.Read();
                if (found)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
