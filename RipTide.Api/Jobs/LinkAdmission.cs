using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs;

/// <summary>
/// The new links of one crawled page, ready for the job's frontier: sent with the page's end in the same round trip
/// (or ahead of it, when there are too many for one script call). Once Redis has them, <see cref="Remember"/> lets
/// the copy recognise them on the next page without asking again.
/// </summary>
public sealed class LinkAdmission(int maxPages, int direction)
{
    private readonly List<(string Link, string Key, bool TooDeep)> _linked = [];

    public int MaxPages { get; } = maxPages;

    /// <summary>+1 takes the oldest of equal scores first (bfs), -1 the newest (dfs).</summary>
    public int Direction { get; } = direction;

    /// <summary>What the admission script takes: the entry, its base score, and '' to admit it or why it is skipped.</summary>
    public List<(FrontierEntry Entry, double BaseScore, string Reason)> Candidates { get; } = [];

    /// <summary>Adds a link as found on the page (<paramref name="link"/>) and as keyed in the job (the entry's URL).</summary>
    public void Add(string link, FrontierEntry entry, double baseScore, string reason)
    {
        Candidates.Add((entry, baseScore, reason));
        _linked.Add((link, entry.DedupeKey, reason == SkipReasons.Depth));
    }

    /// <summary>
    /// After Redis admitted them: they are in the job's seen set for good. Those found too deep are not (a shorter
    /// path may still admit them), so the copy does not take them for seen.
    /// </summary>
    public void Remember(KnownUrls known)
    {
        foreach (var (link, key, tooDeep) in _linked)
        {
            if (!tooDeep)
            {
                known.Add(key);
                known.Add(link);
            }
        }
    }
}
