using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using RipTide.Contracts;
using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs;

/// <summary>What POST /jobs leads to: the accepted job, or why not.</summary>
public enum SubmitRefusal
{
    None,
    SystemFull,
    CallerFull,
}

/// <summary>
/// The job API's work behind its thin endpoints: submit (seeds into the frontier, then announce), read status and
/// results, list, cancel. A job belongs to its caller (API key, or network without keys): another caller's job
/// is answered as not found.
/// </summary>
public sealed partial class JobService(JobStore store, TimeProvider time)
{
    private const int SeedsPreview = 10;

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValidId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public static bool IsValidCursor(string cursor) => CursorPattern().IsMatch(cursor);

    public async Task<(string? Id, SubmitRefusal Refusal)> SubmitAsync(JobRequest request, JobSpec spec, string caller)
    {
        var keys = new JobKeys(NewId());
        var preview = JsonSerializer.Serialize<IReadOnlyList<string>>([.. spec.Seeds.Take(SeedsPreview).Select(seed => seed.Url.AbsoluteUri)], RipTideJsonContext.Default.IReadOnlyListString);
        var outcome = await store.SubmitAsync(keys, caller, JsonSerializer.Serialize(request, RipTideJsonContext.Default.JobRequest), spec.Kind, preview);
        if (outcome != SubmitOutcome.Accepted)
        {
            return (null, outcome == SubmitOutcome.SystemFull ? SubmitRefusal.SystemFull : SubmitRefusal.CallerFull);
        }

        var direction = spec.Spider?.Priority.SequenceDirection ?? 1;
        var seeds = spec.Seeds.Select(seed => (new FrontierEntry(FrontierEntry.PageKind, seed.Url.AbsoluteUri, 0, null),
            spec.Spider?.Priority.BaseScore(seed.Url, null, 0) ?? 0, string.Empty));
        if (spec.Spider is { Sitemap: not SitemapModes.Skip })
        {
            var sites = spec.Seeds.Select(seed => seed.Url.GetLeftPart(UriPartial.Authority) + "/").Distinct(StringComparer.OrdinalIgnoreCase);
            seeds = seeds.Concat(sites.Select(site => (new FrontierEntry(FrontierEntry.SiteKind, site, 1, null), FrontierEntry.TaskScore, FrontierEntry.TaskReason)));
        }

        await store.EnqueueAsync(keys, spec.MaxPages, direction, seeds);
        await store.SeededAsync(keys);
        await store.PublishAsync(JobSignals.New(keys.Id));
        return (keys.Id, SubmitRefusal.None);
    }

    /// <summary>The caller's job (any caller's, when null), or null (absent, expired, or another caller's).</summary>
    public async Task<JobStatus?> StatusAsync(string id, string? caller) =>
        await FindAsync(id, caller) is { } record ? await StatusOfAsync(new JobKeys(id), record) : null;

    /// <summary>The caller's job's metadata (any caller's, when null), or null: one read, no counts.</summary>
    public async Task<JobRecord?> FindAsync(string id, string? caller) =>
        await store.ReadAsync(new JobKeys(id)) is { } record && (caller is null || record.Caller == caller) ? record : null;

    /// <summary>Any job with its newest pages, for operators; null when there is no such job.</summary>
    public async Task<JobDetail?> DetailAsync(string id, int newest)
    {
        if (await StatusAsync(id, caller: null) is not { } status)
        {
            return null;
        }

        var pages = await store.NewestResultsAsync(new JobKeys(id), newest);
        return new JobDetail(status, [.. pages.Select(page => JobPageSummaryReader.Read(page.Json))]);
    }

    /// <summary>The caller's recent jobs; every caller's when <paramref name="caller"/> is null (operators, through /admin).</summary>
    public async Task<JobList> ListAsync(string? caller, long? beforeMs, int limit)
    {
        var entries = await store.JobsAsync(caller, beforeMs ?? long.MaxValue, limit);
        var jobs = new List<JobStatus>();
        foreach (var (id, _) in entries)
        {
            if (await store.ReadAsync(new JobKeys(id)) is { } record)
            {
                jobs.Add(await StatusOfAsync(new JobKeys(id), record));
            }
        }

        return new JobList(jobs, entries.Length == limit ? entries[^1].CreatedMs.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Cancels the caller's job (any caller's, when null); null when there is no such job. A finished job is answered as it is.</summary>
    public async Task<JobStatus?> CancelAsync(string id, string? caller)
    {
        var keys = new JobKeys(id);
        if (await FindAsync(id, caller) is not { } record)
        {
            return null;
        }

        if (await store.EndAsync(keys, record.Caller, JobStatuses.Cancelled, caller is null ? "Cancelled by an operator." : "Cancelled by the client."))
        {
            await store.PublishAsync(JobSignals.Ended(id));
        }

        return await StatusAsync(id, caller);
    }

    /// <summary>A page of results after <paramref name="cursor"/>; null when there is no such job.</summary>
    public async Task<(IReadOnlyList<StoredResult> Results, string Status)?> ResultsAsync(string id, string caller, string? cursor, int limit)
    {
        if (await FindAsync(id, caller) is not { } record)
        {
            return null;
        }

        return (await store.ReadResultsAsync(new JobKeys(id), cursor, limit), record.Status);
    }

    private async Task<JobStatus> StatusOfAsync(JobKeys keys, JobRecord record)
    {
        var (counts, waiting, pending) = await store.ReadCountsAsync(keys);
        long Count(string name) => counts.GetValueOrDefault(name);
        var skipped = SkipReasons.All.ToDictionary(reason => reason, reason => Count("skipped:" + reason), StringComparer.Ordinal);
        var crawled = Count("crawled");
        var end = record.FinishedAt ?? time.GetUtcNow();
        var seconds = record.StartedAt is { } started ? (end - started).TotalSeconds : 0;
        var finished = JobStatuses.IsFinished(record.Status);
        return new JobStatus(
            record.Id,
            record.Status,
            record.Reason,
            record.Kind,
            JsonSerializer.Deserialize(record.SeedsPreview, RipTideJsonContext.Default.IReadOnlyListString) ?? [],
            record.CreatedAt,
            record.StartedAt,
            record.FinishedAt,
            new JobCounts(Count("discovered"), finished ? 0 : waiting + pending, crawled, Count("succeeded"), Count("failed"), skipped),
            seconds > 0 ? Math.Round(crawled / seconds, 2) : 0,
            new JobWebhookCounts(Count("webhook_delivered"), Count("webhook_failed"), Count("webhook_retries")));
    }

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    private static partial Regex CursorPattern();
}
