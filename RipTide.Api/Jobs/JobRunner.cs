using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RipTide.Api.Crawling;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Jobs;
using StackExchange.Redis;

namespace RipTide.Api.Jobs;

/// <summary>
/// This copy's share of one running job: claims entries one at a time (so every copy gets its turn) within the
/// job's concurrency and the copy's (<see cref="JobSlots"/>), processes each, and acknowledges it only once its
/// result is stored. While it works it renews its claims; entries a stopped copy left behind are reclaimed after
/// <see cref="JobOptions.ReclaimIdleMs"/>. Redis failing costs time, never an entry: an entry whose
/// acknowledgement fails stays pending and is reclaimed.
/// </summary>
public sealed class JobRunner(
    JobStore store,
    JobEntryProcessor processor,
    WebhookSender webhooks,
    CrawlRequestValidator crawlValidator,
    PacedHosts pacedHosts,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    public async Task RunAsync(ActiveJob job, SemaphoreSlim copySlots, string consumer)
    {
        var o = options.Value;
        var token = job.Token;
        using var slots = new JobSlots(copySlots, job.Spec.Plan.Concurrency, o.MaxWaitingPages);
        var inFlight = new ConcurrentDictionary<RedisValue, Task>();
        var perHost = new PerHostGate(job.Spec.Plan.PerHostConcurrency, crawlValidator.ServerPerHostConcurrency);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var renewer = RenewAsync(job, consumer, inFlight, renewing.Token);
        var nextReclaim = time.GetUtcNow();
        try
        {
            while (!token.IsCancellationRequested)
            {
                var slot = await slots.TakeAsync(token);
                IReadOnlyList<ClaimedEntry>? claimed;
                try
                {
                    // Entries a stopped copy left go first (one per turn, back to back while there are any), so
                    // that they are not left to the end of a long job; then the next in the strategy's order.
                    claimed = null;
                    if (time.GetUtcNow() >= nextReclaim)
                    {
                        var reclaimed = await store.ReclaimAsync(job.Keys, consumer, 1);
                        nextReclaim = reclaimed.Count > 0 ? time.GetUtcNow() : time.GetUtcNow().AddMilliseconds(o.ClaimRenewMs);
                        if (reclaimed.Count > 0)
                        {
                            JobLog.Reclaimed(logger, job.Id, reclaimed.Count);
                            claimed = reclaimed;
                            if (await store.DeliveriesAsync(job.Keys, reclaimed[0].StreamId) > o.MaxDeliveries)
                            {
                                // Taken that often and never finished: the page takes its copy down with it. It
                                // costs its own result, not another copy.
                                JobLog.GaveUpEntry(logger, job.Id, reclaimed[0].Entry.Url, o.MaxDeliveries);
                                await FailEntryAsync(job, reclaimed[0], Interrupted(o.MaxDeliveries));
                                slot.Dispose();
                                continue;
                            }
                        }
                    }

                    claimed ??= await store.TakeAsync(job.Keys, consumer, 1);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    slot.Dispose();
                    JobLog.StoreFailed(logger, job.Id, ex);
                    await Task.Delay(StoreRetry, time, token);
                    continue;
                }

                if (claimed is null)
                {
                    // Not running any more: cancelled, failed or completed by another copy.
                    slot.Dispose();
                    break;
                }

                if (claimed.Count == 0)
                {
                    slot.Dispose();
                    if (inFlight.IsEmpty)
                    {
                        await CheckCompletedAsync(job);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(o.PollMs), time, token);
                    continue;
                }

                var entry = claimed[0];
                inFlight[entry.StreamId] = ProcessAsync(job, entry, perHost, slot, inFlight);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            // The job is over here: in-flight pages stop (their entries stay pending if the job still runs elsewhere).
            job.Stop();
            await Task.WhenAll(inFlight.Values);
            await renewing.CancelAsync();
            await renewer;
        }
    }

    private async Task ProcessAsync(ActiveJob job, ClaimedEntry claimed, PerHostGate perHost, JobSlot slot, ConcurrentDictionary<RedisValue, Task> inFlight)
    {
        // Off the claiming loop at once: the loop goes on claiming while this entry is crawled.
        await Task.Yield();
        try
        {
            EntryEnd end;
            using (await TakeTurnAsync(job, claimed, perHost, slot))
            {
                end = await processor.ProcessAsync(job, claimed, job.Token);
            }

            switch (end)
            {
                case EntryEnd.OverBudget:
                    await EndAsync(job, JobStatuses.Failed, $"The job's results passed their storage budget ({options.Value.MaxResultBytesPerJob} bytes).");
                    break;
                case EntryEnd.CompletedJob:
                    await OnEndedAsync(job, JobStatuses.Completed, reason: null);
                    break;
            }
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Left pending: once this copy stops renewing it, a copy (this one too) reclaims and retries it.
            JobLog.StoreFailed(logger, job.Id, ex);
        }
        catch (Exception ex)
        {
            // A page that breaks the pipeline costs its own result: stored as an error, acknowledged, never retried forever.
            JobLog.EntryFailed(logger, job.Id, claimed.Entry.Url, ex);
            await FailEntryAsync(job, claimed, new CrawlError(CrawlErrorTypes.InternalError, "Processing this URL failed unexpectedly.", Retryable: true));
        }
        finally
        {
            inFlight.TryRemove(claimed.StreamId, out _);
            slot.Dispose();
        }
    }

    /// <summary>
    /// The entry's turn at its host. A paced host's pages go one at a time per copy, and the job's own per-host limit
    /// holds too: a page that must wait does so here, where no deadline runs (queued behind the host's turns inside
    /// the crawl, each page's wait counted against its own deadline, and a site with a Crawl-delay failed most of a
    /// job's pages as rate_limited), and without its working slot, which the job's other hosts use meanwhile.
    /// </summary>
    private async Task<IDisposable?> TakeTurnAsync(ActiveJob job, ClaimedEntry claimed, PerHostGate perHost, JobSlot slot)
    {
        if (!Uri.TryCreate(claimed.Entry.Url, UriKind.Absolute, out var url))
        {
            return null;
        }

        var paced = claimed.Entry.IsPage && await pacedHosts.IsPacedAsync(url, job.Spec.Plan, job.Token);
        return perHost.TryEnter(url, paced) ?? await slot.WaitForTurnAsync(token => perHost.EnterAsync(url, paced, token), job.Token);
    }

    private static CrawlError Interrupted(int deliveries) =>
        new(CrawlErrorTypes.InternalError, $"Processing this URL was interrupted {deliveries} times (the copy working on it stopped each time); it is not tried again.", Retryable: false);

    private async Task FailEntryAsync(ActiveJob job, ClaimedEntry claimed, CrawlError error)
    {
        try
        {
            var result = new CrawlResult(claimed.Entry.Url, null, 0, false, CacheStatuses.Bypass, GateDecisions.Skipped, null, 0, null, null, error);
            var completed = claimed.Entry.IsPage
                ? (await store.DeliverAndAcknowledgeAsync(job.Keys, job.Record.Caller, claimed.StreamId, claimed.Entry.Url,
                    JobResultJson.Encode(result, claimed.Entry.Depth, claimed.Entry.From), "failed", knownDuplicates: 0)).Completed
                : await store.AcknowledgeAsync(job.Keys, job.Record.Caller, claimed.StreamId);
            if (completed)
            {
                await OnEndedAsync(job, JobStatuses.Completed, reason: null);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            JobLog.StoreFailed(logger, job.Id, ex);
        }
    }

    private async Task CheckCompletedAsync(ActiveJob job)
    {
        try
        {
            if (await store.AcknowledgeAsync(job.Keys, job.Record.Caller, streamId: null))
            {
                await OnEndedAsync(job, JobStatuses.Completed, reason: null);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            JobLog.StoreFailed(logger, job.Id, ex);
        }
    }

    private async Task EndAsync(ActiveJob job, string status, string reason)
    {
        if (await store.EndAsync(job.Keys, job.Record.Caller, status, reason))
        {
            await store.PublishAsync(JobSignals.Ended(job.Id));
            await OnEndedAsync(job, status, reason);
        }
    }

    private async Task OnEndedAsync(ActiveJob job, string status, string? reason)
    {
        JobLog.Ended(logger, job.Id, status);
        if (job.Spec.Webhook is { } hook)
        {
            var type = status == JobStatuses.Completed ? JobEvents.Completed : JobEvents.Failed;
            await webhooks.EnqueueAsync(WebhookEvent.Lifecycle(job.Id, type, hook, time.GetUtcNow(), status, reason));
        }

        job.Stop();
    }

    private async Task RenewAsync(ActiveJob job, string consumer, ConcurrentDictionary<RedisValue, Task> inFlight, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.ClaimRenewMs), time, cancellationToken);
                try
                {
                    await store.RenewAsync(job.Keys, consumer, [.. inFlight.Keys]);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    JobLog.StoreFailed(logger, job.Id, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>The messages on <see cref="JobKeys.Channel"/>: a job submitted, or ended (cancelled or failed) so every copy stops it.</summary>
public static class JobSignals
{
    private const string NewPrefix = "new:";
    private const string EndedPrefix = "ended:";

    public static string New(string id) => NewPrefix + id;

    public static string Ended(string id) => EndedPrefix + id;

    public static string? EndedJob(string message) => message.StartsWith(EndedPrefix, StringComparison.Ordinal) ? message[EndedPrefix.Length..] : null;
}
