using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Options;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs;

/// <summary>
/// GET /jobs/{id}/stream: the job's results as NDJSON lines or SSE events, from the start or after a cursor
/// (<c>Last-Event-ID</c> or <c>?cursor=</c>), then live as they are stored, then one <c>end</c> line with the
/// job's final status. Each result carries its cursor, so a client that reconnects misses nothing and sees
/// nothing twice. Reads Redis in pages; holds nothing per job in memory.
/// </summary>
public sealed class JobStreamService(JobStore store, IOptions<CrawlLimitsOptions> limits, IOptions<JobOptions> options, TimeProvider time)
{
    private const int ReadBatch = 100;

    public async Task StreamAsync(HttpContext context, JobKeys keys, string? cursor, CancellationToken cancellationToken)
    {
        var sse = context.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(CrawlStreamService.EventStreamContentType, StringComparison.OrdinalIgnoreCase));
        var response = context.Response;
        response.ContentType = sse ? CrawlStreamService.EventStreamContentType : CrawlStreamService.NdjsonContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var writer = new StreamLineWriter(response, sse);
        var heartbeat = TimeSpan.FromMilliseconds(limits.Value.StreamHeartbeatMs);
        var poll = TimeSpan.FromMilliseconds(Math.Max(options.Value.PollMs, 100));
        var idleSince = time.GetTimestamp();

        while (true)
        {
            // The status is read before the results: a job is finished only after its last result is stored.
            var record = await store.ReadAsync(keys);
            var results = await store.ReadResultsAsync(keys, cursor, ReadBatch);
            foreach (var result in results)
            {
                await writer.WriteRawAsync("result", result.Cursor, ResultLine(result), cancellationToken);
                cursor = result.Cursor;
            }

            if (results.Count > 0)
            {
                idleSince = time.GetTimestamp();
                continue;
            }

            if (record is null || JobStatuses.IsFinished(record.Status))
            {
                await writer.WriteRawAsync("end", id: null, EndLine(record), cancellationToken);
                return;
            }

            if (time.GetElapsedTime(idleSince) >= heartbeat)
            {
                await writer.WriteRawAsync("heartbeat", id: null, """{"type":"heartbeat"}"""u8.ToArray(), cancellationToken);
                idleSince = time.GetTimestamp();
            }

            await Task.Delay(poll, time, cancellationToken);
        }
    }

    private static byte[] ResultLine(StoredResult result) => Write(writer =>
    {
        writer.WriteString("type", "result");
        writer.WriteString("cursor", result.Cursor);
        writer.WritePropertyName("result");
        writer.WriteRawValue(result.Json.Span, skipInputValidation: true);
    });

    private static byte[] EndLine(JobRecord? record) => Write(writer =>
    {
        writer.WriteString("type", "end");
        writer.WriteString("status", record?.Status ?? JobStatuses.Failed);
        writer.WriteString("reason", record is null ? "The job's state is gone (expired, or lost with the Redis server)." : record.Reason);
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
