using Microsoft.Extensions.Options;
using RipTide.Api.Jobs;
using RipTide.Api.Options;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.Integration;

/// <summary>The job engine's Lua scripts against a real redis-server: admission, order, claims, exactly-once storage, completion.</summary>
public sealed class JobStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private JobStore Store(int remembered = 1000) =>
        new(redis.Redis, Options.Create(new JobOptions { MaxRememberedUrlsPerJob = remembered, ReclaimIdleMs = 500 }), TimeProvider.System);

    private static (FrontierEntry, double, string) Page(string url, double score = 0, string reason = "") =>
        (new FrontierEntry(FrontierEntry.PageKind, url, 0, null), score, reason);

    /// <summary>A queued job of <paramref name="caller"/> (by default a caller of its own, so no test meets another's limit).</summary>
    private static async Task<JobKeys> StartedJobAsync(JobStore store, string? caller = null)
    {
        var keys = new JobKeys(JobService.NewId());
        Assert.Equal(SubmitOutcome.Accepted, await store.SubmitAsync(keys, caller ?? "caller-" + keys.Id, "{}", JobKinds.Spider, "[]"));
        return keys;
    }

    private static async Task RunAsync(JobStore store, JobKeys keys)
    {
        await store.SeededAsync(keys);
        Assert.True(await store.StartAsync(keys));
    }

    [Fact]
    public async Task Admission_counts_each_url_once_and_stops_exactly_at_the_page_budget()
    {
        var store = Store();
        var keys = await StartedJobAsync(store);

        var admitted = await store.EnqueueAsync(keys, maxPages: 3, direction: 1,
            [Page("u1"), Page("u2"), Page("u1"), Page("u3", reason: "scope"), Page("u4"), Page("u5"), Page("u2")]);

        Assert.Equal(3, admitted);
        var (counts, waiting, _) = await store.ReadCountsAsync(keys);
        Assert.Equal(3, waiting);
        Assert.Equal(5, counts["discovered"]);
        Assert.Equal(2, counts["skipped:duplicate"]);
        Assert.Equal(1, counts["skipped:scope"]);
        Assert.Equal(1, counts["skipped:budget"]);
    }

    [Fact]
    public async Task A_url_found_too_deep_is_counted_once_and_still_admitted_when_found_shallower()
    {
        var store = Store();
        var keys = await StartedJobAsync(store);

        await store.EnqueueAsync(keys, 10, 1, [Page("deep", reason: "depth"), Page("deep", reason: "depth")]);
        Assert.Equal(1, await store.EnqueueAsync(keys, 10, 1, [Page("deep")]));

        var (counts, _, _) = await store.ReadCountsAsync(keys);
        Assert.Equal(1, counts["skipped:depth"]);
        Assert.Equal(1, counts["admitted"]);
    }

    [Fact]
    public async Task Past_the_remembered_cap_new_urls_are_over_budget_and_not_remembered()
    {
        var store = Store(remembered: 1000);
        var keys = await StartedJobAsync(store);

        await store.EnqueueAsync(keys, 5, 1, Enumerable.Range(0, 1200).Select(i => Page($"u{i}")));

        var (counts, waiting, _) = await store.ReadCountsAsync(keys);
        Assert.Equal(5, waiting);
        Assert.Equal(1000, counts["discovered"]);
        Assert.Equal(995 + 200, counts["skipped:budget"]);
        Assert.Equal(1000, await redis.Redis.GetDatabase().SetLengthAsync(keys.Seen));
    }

    [Fact]
    public async Task Entries_are_taken_in_score_order_and_dfs_takes_the_newest_first()
    {
        var store = Store();
        var bfs = await StartedJobAsync(store);
        await store.EnqueueAsync(bfs, 10, 1, [Page("b", score: 2e9), Page("a", score: 1e9), Page("c", score: 1e9)]);
        await RunAsync(store, bfs);
        var dfs = await StartedJobAsync(store);
        await store.EnqueueAsync(dfs, 10, -1, [Page("first"), Page("second"), Page("third")]);
        await RunAsync(store, dfs);

        async Task<List<string>> TakeAll(JobKeys keys)
        {
            var taken = new List<string>();
            while ((await store.TakeAsync(keys, "c1", 1))! is [var claimed])
            {
                taken.Add(claimed.Entry.Url);
            }

            return taken;
        }

        Assert.Equal(["a", "c", "b"], await TakeAll(bfs));
        Assert.Equal(["third", "second", "first"], await TakeAll(dfs));
    }

    [Fact]
    public async Task A_job_completes_exactly_when_nothing_waits_and_nothing_is_pending_and_a_result_is_stored_once()
    {
        var store = Store();
        var keys = await StartedJobAsync(store, caller: "completer");
        await store.EnqueueAsync(keys, 10, 1, [Page("p1"), Page("p2")]);
        await RunAsync(store, keys);

        var first = Assert.Single((await store.TakeAsync(keys, "c1", 1))!);
        Assert.Equal(new PageEndReply(DeliverOutcome.Stored, false, null), await store.DeliverAndAcknowledgeAsync(keys, "completer", first.StreamId, first.Entry.Url, "{\"url\":\"p1\"}"u8.ToArray(), "ok", 3));
        // The same entry again (a copy that reclaimed it after a crash): nothing stored twice, nothing counted twice.
        Assert.Equal(new PageEndReply(DeliverOutcome.NotStored, false, null), await store.DeliverAndAcknowledgeAsync(keys, "completer", first.StreamId, first.Entry.Url, "{\"url\":\"p1\"}"u8.ToArray(), "ok", 0));

        var second = Assert.Single((await store.TakeAsync(keys, "c2", 1))!);
        Assert.False(await store.AcknowledgeAsync(keys, "completer", streamId: null));
        Assert.Equal(new PageEndReply(DeliverOutcome.Stored, true, null), await store.DeliverAndAcknowledgeAsync(keys, "completer", second.StreamId, second.Entry.Url, "{\"url\":\"p2\"}"u8.ToArray(), "failed", 0));

        Assert.Equal(JobStatuses.Completed, (await store.ReadAsync(keys))!.Status);
        var (counts, _, _) = await store.ReadCountsAsync(keys);
        Assert.Equal(2, counts["crawled"]);
        Assert.Equal(1, counts["succeeded"]);
        Assert.Equal(1, counts["failed"]);
        Assert.Equal(3, counts["skipped:duplicate"]);
        Assert.Equal(2, (await store.ReadResultsAsync(keys, after: null, 10)).Count);
        Assert.True(await redis.Redis.GetDatabase().KeyTimeToLiveAsync(keys.Results) > TimeSpan.Zero, "a finished job's keys expire");
        Assert.DoesNotContain(keys.Id, await store.ActiveJobsAsync());
    }

    [Fact]
    public async Task A_pages_end_admits_its_links_stores_its_result_and_claims_the_next_entry_in_one_call()
    {
        var store = Store();
        var keys = await StartedJobAsync(store, caller: "chainer");
        await store.EnqueueAsync(keys, 10, 1, [Page("p1")]);
        await RunAsync(store, keys);
        var first = Assert.Single((await store.TakeAsync(keys, "c1", 1))!);

        var admission = new LinkAdmission(maxPages: 10, direction: 1);
        admission.Add("p2#top", new FrontierEntry(FrontierEntry.PageKind, "p2", 1, "p1"), 0, "");
        admission.Add("p1?again", new FrontierEntry(FrontierEntry.PageKind, "p1", 1, "p1"), 0, "");
        admission.Add("p3", new FrontierEntry(FrontierEntry.PageKind, "p3", 1, "p1"), 0, SkipReasons.Robots);
        admission.Add("p4", new FrontierEntry(FrontierEntry.PageKind, "p4", 1, "p1"), 0, SkipReasons.Depth);
        var end = await store.DeliverAndAcknowledgeAsync(keys, "chainer", first.StreamId, "p1", "{\"url\":\"p1\"}"u8.ToArray(), "ok", knownDuplicates: 2, admission, nextFor: "c1");

        Assert.Equal(DeliverOutcome.Stored, end.Outcome);
        Assert.False(end.Completed);
        var next = Assert.IsType<ClaimedEntry>(end.Next);
        Assert.Equal(("p2", 1, "p1"), (next.Entry.Url, next.Entry.Depth, next.Entry.From));
        var (counts, waiting, pending) = await store.ReadCountsAsync(keys);
        Assert.Equal((0, 1), (waiting, pending));
        Assert.Equal(3, counts["discovered"]);
        Assert.Equal(3, counts["skipped:duplicate"]);
        Assert.Equal(1, counts["skipped:robots"]);
        Assert.Equal(1, counts["skipped:depth"]);

        // The copy knows what Redis now has for good; a link found too deep may still come by a shorter path.
        var known = new KnownUrls();
        admission.Remember(known);
        Assert.True(known.Contains("p2#top") && known.Contains("p2") && known.Contains("p3"));
        Assert.False(known.Contains("p4"));

        // The entry claimed with the page's end is pending like any taken entry: its own end, with nothing left, completes the job.
        Assert.Equal(new PageEndReply(DeliverOutcome.Stored, true, null),
            await store.DeliverAndAcknowledgeAsync(keys, "chainer", next.StreamId, "p2", "{\"url\":\"p2\"}"u8.ToArray(), "ok", 0, nextFor: "c1"));
    }

    [Fact]
    public async Task A_page_end_over_the_byte_budget_neither_acknowledges_nor_claims_more()
    {
        var store = new JobStore(redis.Redis, Options.Create(new JobOptions { MaxResultBytesPerJob = 1024 }), TimeProvider.System);
        var keys = await StartedJobAsync(store, caller: "spender");
        await store.EnqueueAsync(keys, 10, 1, [Page("p1"), Page("p2")]);
        await RunAsync(store, keys);
        var first = Assert.Single((await store.TakeAsync(keys, "c1", 1))!);
        var noise = System.Text.Encoding.UTF8.GetBytes(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096)));

        Assert.Equal(new PageEndReply(DeliverOutcome.OverBudget, false, null),
            await store.DeliverAndAcknowledgeAsync(keys, "spender", first.StreamId, "p1", noise, "ok", 0, nextFor: "c1"));
        var (_, waiting, pending) = await store.ReadCountsAsync(keys);
        Assert.Equal((1, 1), (waiting, pending));
    }

    [Fact]
    public async Task Results_are_kept_compressed_counted_by_what_is_kept_and_read_back_exactly()
    {
        var store = Store();
        var keys = await StartedJobAsync(store, caller: "compressor");
        await store.EnqueueAsync(keys, 10, 1, [Page("p1"), Page("p2")]);
        await RunAsync(store, keys);
        var text = string.Concat(Enumerable.Repeat("The tide comes in over the harbour wall. ", 400));
        var json = System.Text.Encoding.UTF8.GetBytes($$$"""{"url":"p1","document":{"text":"{{{text}}}","title":"Tides – 潮"}}""");

        var first = Assert.Single((await store.TakeAsync(keys, "c1", 1))!);
        Assert.Equal(new PageEndReply(DeliverOutcome.Stored, false, null), await store.DeliverAndAcknowledgeAsync(keys, "compressor", first.StreamId, "p1", json, "ok", 0));

        var db = redis.Redis.GetDatabase();
        var kept = (byte[])(await db.StreamRangeAsync(keys.Results, "-", "+"))[0]["r"]!;
        Assert.True(kept.Length < json.Length / 4, $"{kept.Length} bytes kept for {json.Length}");
        Assert.Equal(kept.Length, (long)await db.HashGetAsync(keys.Counts, "result_bytes"));
        Assert.Equal(json, Assert.Single(await store.ReadResultsAsync(keys, after: null, 10)).Json.ToArray());

        // A result stored plain, as before results were compressed (an append-only file from an older version), still reads.
        await db.StreamAddAsync(keys.Results, [new("u", "p0"), new("r", "{\"url\":\"p0\"}")]);
        Assert.Equal("{\"url\":\"p0\"}", System.Text.Encoding.UTF8.GetString(Assert.Single(await store.NewestResultsAsync(keys, 1)).Json.Span));
    }

    [Fact]
    public async Task An_entry_a_stopped_consumer_held_is_reclaimed_and_one_still_renewed_is_not()
    {
        var store = Store();
        var keys = await StartedJobAsync(store);
        await store.EnqueueAsync(keys, 10, 1, [Page("lost"), Page("kept")]);
        await RunAsync(store, keys);
        var lost = Assert.Single((await store.TakeAsync(keys, "dead", 1))!);
        var kept = Assert.Single((await store.TakeAsync(keys, "alive", 1))!);

        await Task.Delay(700);
        await store.RenewAsync(keys, "alive", [kept.StreamId]);
        var reclaimed = await store.ReclaimAsync(keys, "other", 10);

        Assert.Equal(lost.StreamId, Assert.Single(reclaimed).StreamId);
        Assert.Equal("lost", reclaimed[0].Entry.Url);
    }

    [Fact]
    public async Task Each_hand_over_of_an_entry_is_counted_so_that_a_page_that_kills_its_copy_is_not_tried_forever()
    {
        var store = Store();
        var keys = await StartedJobAsync(store);
        await store.EnqueueAsync(keys, 10, 1, [Page("poison")]);
        await RunAsync(store, keys);

        var taken = Assert.Single((await store.TakeAsync(keys, "first", 1))!);
        Assert.Equal(1, await store.DeliveriesAsync(keys, taken.StreamId));
        for (var reclaim = 2; reclaim <= 3; reclaim++)
        {
            await Task.Delay(700);
            Assert.Equal(taken.StreamId, Assert.Single(await store.ReclaimAsync(keys, $"copy-{reclaim}", 1)).StreamId);
            Assert.Equal(reclaim, await store.DeliveriesAsync(keys, taken.StreamId));
        }

        Assert.True(await store.AcknowledgeAsync(keys, "caller-" + keys.Id, taken.StreamId));
        Assert.Equal(0, await store.DeliveriesAsync(keys, taken.StreamId));
    }

    [Fact]
    public async Task A_redirect_or_canonical_name_belongs_to_the_first_page_that_claims_it_and_stays_its_own_on_a_retry()
    {
        var store = Store();
        var keys = await StartedJobAsync(store);
        await store.EnqueueAsync(keys, 10, 1, [Page("https://a.test/p1")]);

        Assert.True(await store.ClaimAliasesAsync(keys, "https://a.test/moved", ["https://a.test/target"]));
        Assert.True(await store.ClaimAliasesAsync(keys, "https://a.test/moved", ["https://a.test/target"]));
        Assert.False(await store.ClaimAliasesAsync(keys, "https://a.test/alias", ["https://a.test/target"]));
        Assert.False(await store.ClaimAliasesAsync(keys, "https://a.test/other", ["https://a.test/p1"]));
    }

    [Fact]
    public async Task Cancel_ends_a_running_job_once_and_later_scripts_change_nothing()
    {
        var store = Store();
        var keys = await StartedJobAsync(store, caller: "canceller");
        await store.EnqueueAsync(keys, 10, 1, [Page("p1"), Page("p2")]);
        await RunAsync(store, keys);

        Assert.True(await store.EndAsync(keys, "canceller", JobStatuses.Cancelled, "by test"));
        Assert.False(await store.EndAsync(keys, "canceller", JobStatuses.Failed, "again"));

        Assert.Null(await store.TakeAsync(keys, "c1", 1));
        Assert.Equal(0, await store.EnqueueAsync(keys, 10, 1, [Page("p3")]));
        Assert.Equal(new PageEndReply(DeliverOutcome.NotStored, false, null), await store.DeliverAndAcknowledgeAsync(keys, "canceller", "0-1", "p1", "{}"u8.ToArray(), "ok", 0, nextFor: "c1"));
        var record = (await store.ReadAsync(keys))!;
        Assert.Equal(JobStatuses.Cancelled, record.Status);
        Assert.Equal("by test", record.Reason);
    }

    [Fact]
    public async Task A_caller_may_have_only_so_many_active_jobs()
    {
        var store = new JobStore(redis.Redis, Options.Create(new JobOptions { MaxActiveJobsPerCaller = 2 }), TimeProvider.System);
        var caller = "limited-" + Guid.NewGuid().ToString("N");
        await StartedJobAsync(store, caller);
        await StartedJobAsync(store, caller);

        Assert.Equal(SubmitOutcome.CallerFull, await store.SubmitAsync(new JobKeys(JobService.NewId()), caller, "{}", JobKinds.Batch, "[]"));
    }
}
