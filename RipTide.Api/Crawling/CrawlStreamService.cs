using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;

namespace RipTide.Api.Crawling;

/// <summary>
/// POST /crawl/stream: one JSON line (or SSE event) per finished URL, in completion order. Results pass
/// through a channel as small as the request's concurrency, so a slow reader slows the crawl instead of
/// results piling up in memory, and none is ever dropped. Heartbeats keep an idle stream alive; a client
/// that goes away cancels the remaining work.
/// </summary>
public sealed class CrawlStreamService(CrawlRunner runner, IOptions<CrawlLimitsOptions> limits, TimeProvider time)
{
    public const string NdjsonContentType = "application/x-ndjson";
    public const string EventStreamContentType = "text/event-stream";

    // Results carry cached documents as stored JSON, which only CrawlResultJson's options write.
    private static readonly JsonTypeInfo<CrawlStreamResult> StreamResultJson =
        (JsonTypeInfo<CrawlStreamResult>)CrawlResultJson.Options.GetTypeInfo(typeof(CrawlStreamResult));

    public async Task StreamAsync(HttpContext context, CrawlPlan plan, string requestId, string? sessionId, CancellationToken cancellationToken)
    {
        var sse = context.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(EventStreamContentType, StringComparison.OrdinalIgnoreCase));
        var response = context.Response;
        response.ContentType = sse ? EventStreamContentType : NdjsonContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        if (sessionId is not null)
        {
            response.Headers[CrawlHeaders.SessionId] = sessionId;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var writer = new StreamLineWriter(response, sse);
        var started = time.GetTimestamp();
        var total = plan.Targets.Count;

        await writer.WriteAsync(CrawlStreamEventTypes.Start, new CrawlStreamStart(CrawlStreamEventTypes.Start, requestId, sessionId, total),
            RipTideJsonContext.Default.CrawlStreamStart, cancellationToken);

        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = Channel.CreateBounded<(int Index, UrlCrawlOutcome Outcome)>(
            new BoundedChannelOptions(Math.Max(1, plan.Concurrency)) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var producer = ProduceAsync(plan, finished.Writer, work.Token);

        try
        {
            var completed = 0;
            var heartbeat = TimeSpan.FromMilliseconds(limits.Value.StreamHeartbeatMs);
            while (await WaitForResultAsync(finished.Reader, heartbeat, writer, work.Token))
            {
                while (finished.Reader.TryRead(out var item))
                {
                    completed++;
                    var line = new CrawlStreamResult(CrawlStreamEventTypes.Result, item.Index, item.Outcome.Result, new CrawlStreamProgress(completed, total));
                    await writer.WriteAsync(CrawlStreamEventTypes.Result, line, StreamResultJson, work.Token);
                }
            }

            var outcomes = await producer;
            var statistics = CrawlStatisticsCalculator.Calculate(outcomes, time.GetElapsedTime(started).TotalMilliseconds, runner.ConcurrencyOf(plan));
            var successful = outcomes.Count(o => o.Result.Error is null);
            var summary = new CrawlStreamSummary(CrawlStreamEventTypes.Summary, total, successful, total - successful, outcomes.Count(o => o.Result.FromCache), statistics);
            await writer.WriteAsync(CrawlStreamEventTypes.Summary, summary, RipTideJsonContext.Default.CrawlStreamSummary, work.Token);
        }
        finally
        {
            // A failed write (the client left) or cancellation stops the remaining fetches.
            await work.CancelAsync();
            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<UrlCrawlOutcome[]> ProduceAsync(CrawlPlan plan, ChannelWriter<(int, UrlCrawlOutcome)> results, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(plan, (index, outcome, token) => results.WriteAsync((index, outcome), token), cancellationToken);
        }
        finally
        {
            results.TryComplete();
        }
    }

    /// <summary>True when a result is ready, false when all are done; writes heartbeats while waiting.</summary>
    private async Task<bool> WaitForResultAsync(ChannelReader<(int, UrlCrawlOutcome)> reader, TimeSpan heartbeat, StreamLineWriter writer, CancellationToken cancellationToken)
    {
        // One outstanding wait for the whole idle period: the channel has a single reader.
        var ready = reader.WaitToReadAsync(cancellationToken).AsTask();
        while (true)
        {
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var winner = await Task.WhenAny(ready, Task.Delay(heartbeat, time, idle.Token));
                if (winner == ready)
                {
                    // Stop the heartbeat timer now rather than leaving one behind per result.
                    await idle.CancelAsync();
                    return await ready;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(CrawlStreamEventTypes.Heartbeat, new CrawlStreamHeartbeat(CrawlStreamEventTypes.Heartbeat),
                RipTideJsonContext.Default.CrawlStreamHeartbeat, cancellationToken);
        }
    }
}
