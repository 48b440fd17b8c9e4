namespace RipTide.Contracts.Jobs;

/// <summary>Values of <c>spider.strategy</c>.</summary>
public static class SpiderStrategies
{
    public const string Bfs = "bfs";
    public const string Dfs = "dfs";
    public const string BestFirst = "best_first";

    public static readonly IReadOnlyList<string> All = [Bfs, Dfs, BestFirst];
}

/// <summary>Values of <c>spider.scope</c>.</summary>
public static class SpiderScopes
{
    public const string SameHost = "same_host";
    public const string SameDomain = "same_domain";
    public const string Any = "any";

    public static readonly IReadOnlyList<string> All = [SameHost, SameDomain, Any];
}

/// <summary>Values of <c>spider.sitemap</c> and of POST /map's <c>sitemap</c>.</summary>
public static class SitemapModes
{
    public const string Include = "include";
    public const string Only = "only";
    public const string Skip = "skip";

    public static readonly IReadOnlyList<string> All = [Include, Only, Skip];
}

/// <summary>Values of a job's <c>status</c>.</summary>
public static class JobStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    public static bool IsFinished(string status) => status is Completed or Cancelled or Failed;
}

/// <summary>Webhook event names (the <c>events</c> filter and each POST's <c>type</c>).</summary>
public static class JobEvents
{
    public const string Started = "started";
    public const string Page = "page";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Started, Page, Completed, Failed];
}

/// <summary>Why a discovered URL was not crawled (keys of <c>counts.skipped</c>).</summary>
public static class SkipReasons
{
    public const string Robots = "robots";
    public const string Scope = "scope";
    public const string Depth = "depth";
    public const string Duplicate = "duplicate";
    public const string Budget = "budget";
    public const string Pattern = "pattern";

    public static readonly IReadOnlyList<string> All = [Robots, Scope, Depth, Duplicate, Budget, Pattern];
}
