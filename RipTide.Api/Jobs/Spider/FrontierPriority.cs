using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs.Spider;

/// <summary>
/// The order in which a job's waiting URLs are taken (lowest score first, see <see cref="JobStore"/>):
/// <c>bfs</c> by depth then discovery order; <c>dfs</c> newest discovery first (a page's links before its
/// siblings'); <c>best_first</c> by keyword hits in the URL's path and the link's text, then depth, then order.
/// Scores stay below 2^53 so that the sorted set keeps them exact.
/// </summary>
public sealed class FrontierPriority(string strategy, IReadOnlyList<string> keywords)
{
    private const double DepthWeight = 1e9;
    private const double KeywordWeight = 1e12;
    private const int MaxKeywordHits = 1000;

    public string Strategy { get; } = strategy;

    /// <summary>
    /// The score before the job's discovery counter is added (times <see cref="SequenceDirection"/>): the
    /// counter is taken inside the enqueue script, atomically with the URL's admission, and breaks every tie.
    /// </summary>
    public double BaseScore(Uri url, string? anchorText, int depth) => Strategy switch
    {
        SpiderStrategies.Dfs => 0,
        SpiderStrategies.BestFirst => ((MaxKeywordHits - KeywordHits(url, anchorText)) * KeywordWeight) + (depth * DepthWeight),
        _ => depth * DepthWeight,
    };

    /// <summary>+1: first discovered, first taken; -1 (dfs): last discovered, first taken.</summary>
    public int SequenceDirection => Strategy == SpiderStrategies.Dfs ? -1 : 1;

    /// <summary>How many times the keywords occur in the URL's path and the anchor text, case-insensitively.</summary>
    public int KeywordHits(Uri url, string? anchorText)
    {
        var hits = 0;
        var path = Uri.UnescapeDataString(url.AbsolutePath);
        foreach (var keyword in keywords)
        {
            hits += Count(path, keyword) + (anchorText is null ? 0 : Count(anchorText, keyword));
        }

        return Math.Min(hits, MaxKeywordHits);
    }

    private static int Count(string text, string keyword)
    {
        var count = 0;
        for (var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(keyword, at + keyword.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
