using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RipTide.Api.Crawling;

/// <summary>
/// Writes one NDJSON line, or one SSE event (with its <c>id:</c> when it has one, for <c>Last-Event-ID</c>
/// resumption), and flushes it at once. Used by POST /crawl/stream and GET /jobs/{id}/stream.
/// </summary>
public sealed class StreamLineWriter(HttpResponse response, bool sse)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public Task WriteAsync<T>(string type, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WriteRawAsync(type, id: null, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), cancellationToken);

    /// <summary>Writes <paramref name="json"/> (one JSON value, no newlines) as it is.</summary>
    public async Task WriteRawAsync(string type, string? id, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        if (sse)
        {
            var head = id is null ? $"event: {type}\n" : $"id: {id}\nevent: {type}\n";
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(head), cancellationToken);
            await response.Body.WriteAsync(DataPrefix, cancellationToken);
            await response.Body.WriteAsync(json, cancellationToken);
            await response.Body.WriteAsync(EventEnd, cancellationToken);
        }
        else
        {
            await response.Body.WriteAsync(json, cancellationToken);
            await response.Body.WriteAsync(NewLine, cancellationToken);
        }

        await response.Body.FlushAsync(cancellationToken);
    }
}
