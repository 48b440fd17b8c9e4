using RipTide.Api.Jobs.Spider;
using RipTide.Contracts.Jobs;

namespace RipTide.Tests.Unit.Jobs;

public sealed class FrontierPriorityTests
{
    /// <summary>The score the enqueue script gives: base plus the discovery sequence in the strategy's direction.</summary>
    private static double Score(FrontierPriority priority, string url, string? text, int depth, long sequence) =>
        priority.BaseScore(new Uri(url), text, depth) + (priority.SequenceDirection * sequence);

    [Fact]
    public void Bfs_takes_shallower_pages_first_then_discovery_order()
    {
        var bfs = new FrontierPriority(SpiderStrategies.Bfs, []);
        Assert.True(Score(bfs, "https://a.test/deep", null, 1, 900) < Score(bfs, "https://a.test/x", null, 2, 1));
        Assert.True(Score(bfs, "https://a.test/a", null, 1, 1) < Score(bfs, "https://a.test/b", null, 1, 2));
    }

    [Fact]
    public void Dfs_takes_the_newest_discovery_first()
    {
        var dfs = new FrontierPriority(SpiderStrategies.Dfs, []);
        Assert.True(Score(dfs, "https://a.test/child", null, 5, 10) < Score(dfs, "https://a.test/sibling", null, 1, 9));
    }

    [Fact]
    public void Best_first_ranks_keyword_hits_in_path_and_anchor_text_before_depth()
    {
        var best = new FrontierPriority(SpiderStrategies.BestFirst, ["pricing", "Plans"]);

        Assert.Equal(3, best.KeywordHits(new Uri("https://a.test/pricing/plans"), "See PLANS"));
        Assert.Equal(1, best.KeywordHits(new Uri("https://a.test/x%20pricing"), null));
        Assert.True(Score(best, "https://a.test/pricing", null, 4, 50) < Score(best, "https://a.test/about", null, 1, 1));
        Assert.True(Score(best, "https://a.test/a", "plans and pricing", 1, 2) < Score(best, "https://a.test/pricing", null, 1, 1));
        // Scores stay exact in a Redis sorted set (doubles below 2^53).
        Assert.True(Math.Abs(Score(best, "https://a.test/a", null, 1000, 100_000_000)) < Math.Pow(2, 53));
    }
}
