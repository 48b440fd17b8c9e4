using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

/// <summary>How the tests read POST /crawl/stream: line by line, as a client would.</summary>
public static class CrawlStreamClient
{
    public static async Task<HttpResponseMessage> OpenAsync(HttpClient gateway, CrawlRequest request, string? sessionId = null, string accept = "application/x-ndjson", CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/crawl/stream")
        {
            Content = JsonContent.Create(request, RipTideJsonContext.Default.CrawlRequest),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (sessionId is not null)
        {
            message.Headers.Add(CrawlHeaders.SessionId, sessionId);
        }

        return await gateway.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Every NDJSON line of the stream, each parsed, with an optional pause after each (a slow reader).</summary>
    public static async Task<List<JsonElement>> ReadAllAsync(HttpResponseMessage response, TimeSpan pausePerLine = default)
    {
        var lines = new List<JsonElement>();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
            if (pausePerLine > TimeSpan.Zero)
            {
                await Task.Delay(pausePerLine);
            }
        }

        return lines;
    }

    public static string Type(this JsonElement line) => line.GetProperty("type").GetString()!;

    public static CrawlResult Result(this JsonElement line) =>
        line.GetProperty("result").Deserialize(RipTideJsonContext.Default.CrawlResult)!;
}
