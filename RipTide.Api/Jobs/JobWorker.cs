using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RipTide.Api.Jobs.Webhooks;
using RipTide.Api.Options;
using RipTide.Contracts;
using RipTide.Contracts.Jobs;
using StackExchange.Redis;

namespace RipTide.Api.Jobs;

/// <summary>
/// Every Api copy runs one: it watches the active jobs in Redis (and the job channel, to start and stop at
/// once), starts queued jobs, and runs a <see cref="JobRunner"/> for each running job, within
/// <see cref="JobOptions.CopyConcurrency"/> pages at a time across them all. It is a consumer of every job's
/// frontier under a name of its own, so entries a killed copy held are reclaimed by the others.
/// </summary>
public sealed class JobWorker(
    IServiceProvider services,
    IConnectionMultiplexer redis,
    JobStore store,
    JobRequestValidator validator,
    WebhookSender webhooks,
    IOptions<JobOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<JobWorker> logger) : BackgroundService
{
    /// <summary>A submission whose seeds never all arrived (its copy died mid-way) is given this long.</summary>
    private static readonly TimeSpan SeedingGrace = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, (ActiveJob Job, Task Run)> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>This process's consumer name: a restarted copy is a new consumer, and its predecessor's entries are reclaimed.</summary>
    public string Consumer { get; } = $"{configuration[SettingNames.Replica] ?? Environment.MachineName}-{Guid.NewGuid():N}"[..^20];

    public int RunningJobs => _running.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var copySlots = new SemaphoreSlim(options.Value.CopyConcurrency);
        redis.ConnectionFailed += ForgetKnownUrls;
        redis.ConnectionRestored += ForgetKnownUrls;
        await SubscribeAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var id in await store.ActiveJobsAsync())
                    {
                        if (!_running.ContainsKey(id))
                        {
                            await AttachAsync(id, copySlots, stoppingToken);
                        }
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    JobLog.PollFailed(logger, ex);
                }

                await _wake.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(options.Value.PollMs, 250)), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= ForgetKnownUrls;
            redis.ConnectionRestored -= ForgetKnownUrls;
            foreach (var (job, _) in _running.Values)
            {
                job.Stop();
            }

            await Task.WhenAll(_running.Values.Select(entry => entry.Run));
        }
    }

    /// <summary>See <see cref="KnownUrls.Clear"/>: what this copy took for seen may have been lost with Redis.</summary>
    private void ForgetKnownUrls(object? sender, ConnectionFailedEventArgs e)
    {
        foreach (var (job, _) in _running.Values)
        {
            job.Known.Clear();
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(JobKeys.Channel), (_, message) =>
            {
                if (JobSignals.EndedJob(message.ToString()) is { } ended && _running.TryGetValue(ended, out var entry))
                {
                    entry.Job.Stop();
                }

                _wake.Release();
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Without the channel, jobs still start and stop by polling (the runner sees the status on every claim).
            JobLog.PollFailed(logger, ex);
        }
    }

    private async Task AttachAsync(string id, SemaphoreSlim copySlots, CancellationToken stoppingToken)
    {
        var keys = new JobKeys(id);
        if (await store.ReadAsync(keys) is not { } record)
        {
            JobLog.StateLost(logger, id);
            await store.RecordLostAsync(keys, caller: string.Empty, "The job's state was lost (the Redis server restarted without its data).");
            return;
        }

        if (JobStatuses.IsFinished(record.Status))
        {
            return;
        }

        if (!TryReadSpec(await store.ReadRequestAsync(keys), out var spec))
        {
            await store.EndAsync(keys, record.Caller, JobStatuses.Failed, "The job's stored request is no longer valid on this server.");
            return;
        }

        if (record.Status == JobStatuses.Queued)
        {
            if (record.SeedingSince is { } since && time.GetUtcNow() - since > SeedingGrace)
            {
                await store.EndAsync(keys, record.Caller, JobStatuses.Failed, "The submission was interrupted before all its seeds were stored.");
                return;
            }

            if (await store.StartAsync(keys))
            {
                JobLog.Started(logger, id);
                if (spec.Webhook is { } hook)
                {
                    await webhooks.EnqueueAsync(WebhookEvent.Lifecycle(id, JobEvents.Started, hook, time.GetUtcNow(), JobStatuses.Running, null));
                }
            }
            else if ((await store.ReadAsync(keys))?.Status != JobStatuses.Running)
            {
                return;
            }
        }

        var job = new ActiveJob(keys, record, spec, stoppingToken);
        var runner = ActivatorUtilities.CreateInstance<JobRunner>(services);
        var run = Task.Run(() => runner.RunAsync(job, copySlots, Consumer), CancellationToken.None);
        _running[id] = (job, run);
        _ = run.ContinueWith(async _ => await DetachAsync(job), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task DetachAsync(ActiveJob job)
    {
        _running.TryRemove(job.Id, out _);
        job.Dispose();
        try
        {
            if (await store.ReadAsync(job.Keys) is null)
            {
                JobLog.StateLost(logger, job.Id);
                await store.RecordLostAsync(job.Keys, job.Record.Caller, "The job's state was lost (the Redis server restarted without its data).");
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            JobLog.PollFailed(logger, ex);
        }
    }

    private bool TryReadSpec(string? stored, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JobSpec? spec)
    {
        spec = null;
        try
        {
            return stored is not null && JsonSerializer.Deserialize(stored, RipTideJsonContext.Default.JobRequest) is { } request
                && validator.TryValidate(request, out spec, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
