using Microsoft.Extensions.Options;
using RipTide.Api.Caching;
using RipTide.Api.Options;
using StackExchange.Redis;

namespace RipTide.Api.Jobs;

/// <summary>A frontier entry claimed by this copy: its stream id (to acknowledge) and what it asks for.</summary>
public sealed record ClaimedEntry(RedisValue StreamId, FrontierEntry Entry);

/// <summary>One stored result: its cursor (the results stream's id) and its JSON.</summary>
public sealed record StoredResult(string Cursor, ReadOnlyMemory<byte> Json);

public enum SubmitOutcome
{
    Accepted,
    SystemFull,
    CallerFull,
}

public enum DeliverOutcome
{
    NotStored,
    Duplicate,
    Stored,
    OverBudget,
}

/// <summary>What a page's end did: its result's fate, whether it completed the job, and the entry claimed next (if asked and any waited).</summary>
public sealed record PageEndReply(DeliverOutcome Outcome, bool Completed, ClaimedEntry? Next);

/// <summary>
/// Every read and write of job state, over the scripts in <see cref="JobScripts"/>. Redis is the engine: the
/// frontier (a sorted set of waiting entries feeding a stream with a consumer group), the counts, the results
/// and the status live there, so any copy can continue any job and a restarted copy loses nothing.
/// </summary>
public sealed class JobStore(IConnectionMultiplexer redis, IOptions<JobOptions> options, TimeProvider time)
{
    private const int EnqueueBatch = 500;

    /// <summary>The most a stored result may expand to: a page's HTML (when asked for), text and markdown together.</summary>
    private const int MaxResultBytes = CachedPageCodec.MaxDecodedBytes;

    private IDatabase Db => redis.GetDatabase();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private int Retention => options.Value.RetentionSeconds;

    public bool IsConnected => redis.IsConnected;

    public async Task<SubmitOutcome> SubmitAsync(JobKeys keys, string caller, string request, string kind, string seedsPreview)
    {
        var result = (long)await Db.ScriptEvaluateAsync(
            JobScripts.Submit,
            [keys.Meta, JobKeys.Active, JobKeys.CallerActive(caller), JobKeys.CallerJobs(caller), keys.Frontier, JobKeys.Recent, keys.Request],
            [keys.Id, caller, Now, request, kind, options.Value.MaxActiveJobs, options.Value.MaxActiveJobsPerCaller, seedsPreview, Retention]);
        return result switch
        {
            -1 => SubmitOutcome.SystemFull,
            -2 => SubmitOutcome.CallerFull,
            _ => SubmitOutcome.Accepted,
        };
    }

    /// <summary>
    /// Admits entries in batches; <c>reason</c> is empty to admit a page, "task" for a non-page task, else why it is
    /// skipped. <paramref name="knownDuplicates"/>: links the caller already knew the job has seen, only counted.
    /// </summary>
    public async Task<long> EnqueueAsync(
        JobKeys keys, int maxPages, int direction, IEnumerable<(FrontierEntry Entry, double BaseScore, string Reason)> entries, long knownDuplicates = 0)
    {
        long admitted = 0;
        var batches = entries.Chunk(EnqueueBatch).ToList();
        if (batches.Count == 0 && knownDuplicates > 0)
        {
            batches.Add([]);
        }

        foreach (var batch in batches)
        {
            var args = new List<RedisValue>(4 + (batch.Length * 4));
            AddAdmission(args, maxPages, direction, batch, knownDuplicates);
            knownDuplicates = 0;
            admitted += (long)await Db.ScriptEvaluateAsync(JobScripts.Enqueue, [keys.Seen, keys.TooDeep, keys.Waiting, keys.Counts, keys.Meta], [.. args]);
        }

        return admitted;
    }

    /// <summary>Whether a page's <paramref name="candidates"/> fit in its end's round trip (<see cref="DeliverAndAcknowledgeAsync"/>).</summary>
    public static bool AdmitsWithDelivery(int candidates) => candidates <= EnqueueBatch;

    /// <summary>Marks the submission's seeds as all in: from now on a copy may start the job.</summary>
    public Task SeededAsync(JobKeys keys) => Db.HashDeleteAsync(keys.Meta, "seeding");

    public async Task<bool> StartAsync(JobKeys keys) => (long)await Db.ScriptEvaluateAsync(JobScripts.Start, [keys.Meta], [Now]) == 1;

    /// <summary>Claims up to <paramref name="count"/> entries in the strategy's order; null when the job is not running.</summary>
    public async Task<IReadOnlyList<ClaimedEntry>?> TakeAsync(JobKeys keys, string consumer, int count)
    {
        var result = await Db.ScriptEvaluateAsync(JobScripts.Take, [keys.Meta, keys.Waiting, keys.Frontier], [JobKeys.ConsumerGroup, consumer, count]);
        return result.IsNull ? null : ParseClaimed(result);
    }

    /// <summary>Resets the idle time of entries this copy is still working on, so that no other copy reclaims them.</summary>
    public Task RenewAsync(JobKeys keys, string consumer, RedisValue[] ids) =>
        ids.Length == 0 ? Task.CompletedTask : Db.StreamClaimIdsOnlyAsync(keys.Frontier, JobKeys.ConsumerGroup, consumer, 0, ids);

    /// <summary>How many times the entry has been handed to a consumer (taken, then each reclaim); 0 when it is no longer pending.</summary>
    public async Task<long> DeliveriesAsync(JobKeys keys, RedisValue streamId)
    {
        var pending = await Db.StreamPendingMessagesAsync(keys.Frontier, JobKeys.ConsumerGroup, 1, RedisValue.Null, streamId, streamId);
        return pending.Length == 0 ? 0 : pending[0].DeliveryCount;
    }

    /// <summary>Claims entries another copy (or this one, before a restart) took and stopped renewing.</summary>
    public async Task<IReadOnlyList<ClaimedEntry>> ReclaimAsync(JobKeys keys, string consumer, int count)
    {
        var result = await Db.StreamAutoClaimAsync(keys.Frontier, JobKeys.ConsumerGroup, consumer, options.Value.ReclaimIdleMs, "0-0", count);
        return [.. result.ClaimedEntries.Select(entry => new ClaimedEntry(entry.Id, ParseEntry(entry["e"])))];
    }

    /// <summary>False when another page of the job already owns one of <paramref name="aliases"/> (so this page duplicates it).</summary>
    public async Task<bool> ClaimAliasesAsync(JobKeys keys, string url, IReadOnlyCollection<string> aliases) =>
        aliases.Count == 0
        || (long)await Db.ScriptEvaluateAsync(JobScripts.ClaimAliases, [keys.Seen, keys.Aliases], [url, .. aliases.Select(alias => (RedisValue)alias)]) == 1;

    /// <summary>
    /// Ends a page's entry in one round trip: the links it found admitted (<paramref name="admission"/>, when
    /// <see cref="AdmitsWithDelivery"/>), its result stored once per URL, the duplicates the copy recognised alone
    /// counted, the entry acknowledged, the job completed when that was its last work, and, for
    /// <paramref name="nextFor"/>, the next entry claimed (a round trip fewer for a copy that goes on working).
    /// </summary>
    public async Task<PageEndReply> DeliverAndAcknowledgeAsync(
        JobKeys keys, string caller, RedisValue streamId, string url, ReadOnlyMemory<byte> json, string outcome, long knownDuplicates,
        LinkAdmission? admission = null, string? nextFor = null)
    {
        // Stored compressed (≈ 4× smaller): Redis's memory, its append-only file and the job's byte budget all
        // count what is kept, and a rewrite of that file re-reads every result. Compressed before the first
        // await, so a caller's pooled buffer need only live through the call.
        var compressed = GzipValue.Compress(json.Span);
        var args = new List<RedisValue>(12 + (admission is null ? 0 : 4 + (admission.Candidates.Count * 4)))
        {
            JobKeys.ConsumerGroup, streamId, Now, Retention, keys.Id, url, compressed, outcome, compressed.Length,
            options.Value.MaxResultBytesPerJob, knownDuplicates, nextFor ?? string.Empty,
        };
        if (admission is not null)
        {
            if (!AdmitsWithDelivery(admission.Candidates.Count))
            {
                throw new ArgumentException("Too many links to admit with a page's end; admit them first.", nameof(admission));
            }

            AddAdmission(args, admission.MaxPages, admission.Direction, admission.Candidates, knownDuplicates: 0);
        }

        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(
            JobScripts.DeliverAndAcknowledge,
            [keys.Frontier, keys.Waiting, keys.Meta, JobKeys.Active, JobKeys.CallerActive(caller), keys.Delivered, keys.Results, keys.Counts,
                keys.Seen, keys.TooDeep, .. keys.All],
            [.. args]))!;
        var code = (long)reply[0];
        var next = ParseClaimed(reply[1]) is [var claimed, ..] ? claimed : null;
        if (code < 0)
        {
            return new PageEndReply(DeliverOutcome.OverBudget, false, null);
        }

        var stored = (code % 10) switch
        {
            1 => DeliverOutcome.Duplicate,
            2 => DeliverOutcome.Stored,
            _ => DeliverOutcome.NotStored,
        };
        return new PageEndReply(stored, code >= 10, next);
    }

    /// <summary>Acknowledges an entry (or, with none, only checks) and completes the job when all its work is done; true when this call completed it.</summary>
    public async Task<bool> AcknowledgeAsync(JobKeys keys, string caller, RedisValue? streamId) =>
        (long)await Db.ScriptEvaluateAsync(
            JobScripts.Acknowledge, EndKeys(keys, caller), [JobKeys.ConsumerGroup, streamId ?? RedisValue.EmptyString, Now, Retention, keys.Id]) == 1;

    /// <summary>Ends a queued or running job as cancelled or failed; true when this call ended it.</summary>
    public async Task<bool> EndAsync(JobKeys keys, string caller, string status, string reason) =>
        (long)await Db.ScriptEvaluateAsync(JobScripts.End, EndKeys(keys, caller), [status, reason, Now, Retention, keys.Id]) == 1;

    /// <summary>A job whose state vanished (Redis restarted without its data) is recorded as failed, so it is never left looking like it runs.</summary>
    public async Task RecordLostAsync(JobKeys keys, string caller, string reason)
    {
        var batch = Db.CreateBatch();
        var writes = new List<Task>
        {
            batch.HashSetAsync(keys.Meta, [new("id", keys.Id), new("caller", caller), new("status", Contracts.Jobs.JobStatuses.Failed), new("reason", reason),
                new("kind", JobKinds.Batch), new("created", Now), new("finished", Now)]),
            batch.KeyExpireAsync(keys.Meta, TimeSpan.FromSeconds(Retention)),
            batch.SetRemoveAsync(JobKeys.Active, keys.Id),
            batch.SetRemoveAsync(JobKeys.CallerActive(caller), keys.Id),
        };
        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task<JobRecord?> ReadAsync(JobKeys keys) => JobRecord.From(await Db.HashGetAllAsync(keys.Meta));

    /// <summary>The request the job was submitted with (kept apart from the metadata: a batch's may be megabytes).</summary>
    public async Task<string?> ReadRequestAsync(JobKeys keys) => await Db.StringGetAsync(keys.Request);

    public async Task<(Dictionary<string, long> Counts, long Waiting, long Pending)> ReadCountsAsync(JobKeys keys)
    {
        var batch = Db.CreateBatch();
        var counts = batch.HashGetAllAsync(keys.Counts);
        var waiting = batch.SortedSetLengthAsync(keys.Waiting);
        var pending = batch.StreamLengthAsync(keys.Frontier);
        batch.Execute();
        var map = (await counts).ToDictionary(entry => entry.Name.ToString(), entry => (long)entry.Value, StringComparer.Ordinal);
        return (map, await waiting, await pending);
    }

    /// <summary>Adds to one of the job's counts; answers the new value.</summary>
    public Task<long> IncrementAsync(JobKeys keys, string counter, long by = 1) => Db.HashIncrementAsync(keys.Counts, counter, by);

    public async Task<string[]> ActiveJobsAsync() => [.. (await Db.SetMembersAsync(JobKeys.Active)).Select(value => value.ToString())];

    /// <summary>The caller's jobs (every caller's, when null), newest first, starting below <paramref name="beforeMs"/>.</summary>
    public async Task<(string Id, long CreatedMs)[]> JobsAsync(string? caller, long beforeMs, int count)
    {
        var entries = await Db.SortedSetRangeByScoreWithScoresAsync(
            caller is null ? JobKeys.Recent : JobKeys.CallerJobs(caller), double.NegativeInfinity, beforeMs, Exclude.Stop, Order.Descending, 0, count);
        return [.. entries.Select(entry => (entry.Element.ToString(), (long)entry.Score))];
    }

    /// <summary>The <paramref name="count"/> results stored last, newest first.</summary>
    public async Task<IReadOnlyList<StoredResult>> NewestResultsAsync(JobKeys keys, int count)
    {
        var entries = await Db.StreamRangeAsync(keys.Results, "-", "+", count, Order.Descending);
        return [.. entries.Select(entry => new StoredResult(entry.Id.ToString(), GzipValue.Expand((byte[])entry["r"]!, MaxResultBytes)))];
    }

    /// <summary>Up to <paramref name="count"/> results stored after <paramref name="after"/> (a cursor; null for the first).</summary>
    public async Task<IReadOnlyList<StoredResult>> ReadResultsAsync(JobKeys keys, string? after, int count)
    {
        var entries = await Db.StreamRangeAsync(keys.Results, after is null ? "-" : "(" + after, "+", count);
        return [.. entries.Select(entry => new StoredResult(entry.Id.ToString(), GzipValue.Expand((byte[])entry["r"]!, MaxResultBytes)))];
    }

    public Task PublishAsync(string message) => redis.GetSubscriber().PublishAsync(RedisChannel.Literal(JobKeys.Channel), message);

    private static RedisKey[] EndKeys(JobKeys keys, string caller) =>
        [keys.Frontier, keys.Waiting, keys.Meta, JobKeys.Active, JobKeys.CallerActive(caller), .. keys.All];

    private void AddAdmission(
        List<RedisValue> args, int maxPages, int direction, IEnumerable<(FrontierEntry Entry, double BaseScore, string Reason)> entries, long knownDuplicates)
    {
        args.Add(maxPages);
        args.Add(direction);
        args.Add(options.Value.MaxRememberedUrlsPerJob);
        args.Add(knownDuplicates);
        foreach (var (entry, score, reason) in entries)
        {
            args.Add(entry.DedupeKey);
            args.Add(entry.ToJson());
            args.Add(score);
            args.Add(reason);
        }
    }

    /// <summary>Stream entries as XREADGROUP answers them: [id, [field, value, …]] each, the entry's JSON in its second field.</summary>
    private static List<ClaimedEntry> ParseClaimed(RedisResult result)
    {
        var claimed = new List<ClaimedEntry>();
        foreach (var item in (RedisResult[])result!)
        {
            var parts = (RedisResult[])item!;
            var fields = (RedisResult[])parts[1]!;
            claimed.Add(new ClaimedEntry((RedisValue)parts[0], ParseEntry(fields.Length > 1 ? (string?)fields[1] : null)));
        }

        return claimed;
    }

    private static FrontierEntry ParseEntry(string? json) =>
        FrontierEntry.TryParse(json) ?? new FrontierEntry("invalid", string.Empty, 0, null);
}
