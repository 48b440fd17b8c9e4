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
/// result is stored. A page's end claims the next entry in the same round trip, and that entry keeps the slot
/// while nothing else needs it (the copy's other jobs, the reclaim turn). While it works it renews its claims;
/// entries a stopped copy left behind are reclaimed after <see cref="JobOptions.ReclaimIdleMs"/>. Redis failing
/// costs time, never an entry: an entry whose acknowledgement fails stays pending and is reclaimed.
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
        var run = new Run(job, consumer, slots, new PerHostGate(job.Spec.Plan.PerHostConcurrency, crawlValidator.ServerPerHostConcurrency));
        var workers = new List<Task>();
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var renewer = RenewAsync(run, renewing.Token);
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
                    if (run.ReclaimDue(time))
                    {
                        var reclaimed = await store.ReclaimAsync(job.Keys, consumer, 1);
                        run.NextReclaim(reclaimed.Count > 0 ? time.GetUtcNow() : time.GetUtcNow().AddMilliseconds(o.ClaimRenewMs));
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
                    if (run.Working.IsEmpty)
                    {
                        await CheckCompletedAsync(job);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(o.PollMs), time, token);
                    continue;
                }

                run.Working[claimed[0].StreamId] = 0;
                workers.RemoveAll(worker => worker.IsCompleted);
                workers.Add(WorkAsync(run, claimed[0], slot));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            // The job is over here: in-flight pages stop (their entries stay pending if the job still runs elsewhere).
            job.Stop();
            await Task.WhenAll(workers);
            await renewing.CancelAsync();
            await renewer;
        }
    }

    /// <summary>
    /// Works on the entry with its slot, then on each entry its end claims next, while the slot may stay: the
    /// copy's other jobs may be waiting for a copy slot, and the claiming loop needs one for its reclaim turn.
    /// </summary>
    private async Task WorkAsync(Run run, ClaimedEntry first, JobSlot slot)
    {
        // Off the claiming loop at once: the loop goes on claiming while this entry is crawled.
        await Task.Yield();
        var job = run.Job;
        try
        {
            for (ClaimedEntry? claimed = first; claimed is not null;)
            {
                ClaimedEntry? next = null;
                try
                {
                    var nextFor = job.Token.IsCancellationRequested || !run.Slots.CopyHasRoom || run.ReclaimDue(time) ? null : run.Consumer;
                    next = await ProcessAsync(run, claimed, nextFor, slot);
                    if (next is not null && !job.Token.IsCancellationRequested)
                    {
                        // Renewed from now on; claimed as the job stops, it stays pending for the copies that go on.
                        run.Working[next.StreamId] = 0;
                    }
                    else
                    {
                        next = null;
                    }
                }
                finally
                {
                    run.Working.TryRemove(claimed.StreamId, out _);
                }

                claimed = next;
            }
        }
        finally
        {
            slot.Dispose();
        }
    }

    /// <summary>Processes one entry; answers the entry its end claimed next, if any.</summary>
    private async Task<ClaimedEntry?> ProcessAsync(Run run, ClaimedEntry claimed, string? nextFor, JobSlot slot)
    {
        var job = run.Job;
        try
        {
            EntryOutcome outcome;
            using (await TakeTurnAsync(job, claimed, run.PerHost, slot))
            {
                outcome = await processor.ProcessAsync(job, claimed, nextFor, job.Token);
            }

            switch (outcome.End)
            {
                case EntryEnd.OverBudget:
                    await EndAsync(job, JobStatuses.Failed, $"The job's results passed their storage budget ({options.Value.MaxResultBytesPerJob} bytes).");
                    break;
                case EntryEnd.CompletedJob:
                    await OnEndedAsync(job, JobStatuses.Completed, reason: null);
                    break;
            }

            return outcome.Next;
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

        return null;
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

    private async Task RenewAsync(Run run, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.ClaimRenewMs), time, cancellationToken);
                try
                {
                    await store.RenewAsync(run.Job.Keys, run.Consumer, [.. run.Working.Keys]);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    JobLog.StoreFailed(logger, run.Job.Id, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One run's shared state: the entries this copy works on (renewed until they end) and when it next looks for entries to reclaim.</summary>
    private sealed class Run(ActiveJob job, string consumer, JobSlots slots, PerHostGate perHost)
    {
        private long _nextReclaimTicks;

        public ActiveJob Job { get; } = job;

        public string Consumer { get; } = consumer;

        public JobSlots Slots { get; } = slots;

        public PerHostGate PerHost { get; } = perHost;

        public ConcurrentDictionary<RedisValue, byte> Working { get; } = new();

        public bool ReclaimDue(TimeProvider time) => time.GetUtcNow().UtcTicks >= Volatile.Read(ref _nextReclaimTicks);

        public void NextReclaim(DateTimeOffset at) => Volatile.Write(ref _nextReclaimTicks, at.UtcTicks);
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
