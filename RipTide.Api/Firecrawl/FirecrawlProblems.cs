namespace RipTide.Api.Firecrawl;

/// <summary>
/// A problem that RipTide's own validators found in a translated Firecrawl request, told with the names the client
/// wrote: <c>limit</c> rather than <c>spider.max_pages</c>, <c>scrapeOptions.includeTags</c> rather than
/// <c>options.include_selectors</c>. Longer names come first so that a compound message is renamed whole.
/// </summary>
public static class FirecrawlProblems
{
    private static readonly (string RipTide, string Firecrawl)[] OptionNames =
    [
        ("options.include_selectors and exclude_selectors", "{0}includeTags and {0}excludeTags"),
        ("options.include_selectors", "{0}includeTags"),
        ("options.exclude_selectors", "{0}excludeTags"),
        ("options.headers", "{0}headers"),
        ("options.wait_ms", "{0}waitFor"),
        ("options.timeout_ms", "{0}timeout"),
        ("the URL's timeout_ms", "{0}timeout"),
    ];

    private static readonly (string RipTide, string Firecrawl)[] SpiderNames =
    [
        ("spider.include and spider.exclude", "includePaths and excludePaths"),
        ("spider.include", "includePaths"),
        ("spider.exclude", "excludePaths"),
        ("spider.max_pages", "limit"),
        ("spider.max_depth", "maxDiscoveryDepth"),
        ("spider.sitemap", "sitemap"),
        ("options.delay_ms", "delay, in milliseconds,"),
    ];

    /// <summary>/v2/scrape: the options are the body's own, the one URL is <c>url</c>.</summary>
    public static string OfScrape(string problem) => Rename(problem.Replace("urls[0]", "url", StringComparison.Ordinal), OptionNames, string.Empty);

    /// <summary>/v2/crawl: the start URL is <c>url</c>, the page options are under <c>scrapeOptions</c>.</summary>
    public static string OfCrawl(string problem) =>
        Rename(Rename(problem.Replace("seeds[0]", "url", StringComparison.Ordinal), SpiderNames, string.Empty), OptionNames, "scrapeOptions.");

    /// <summary>/v2/batch/scrape: the URLs are <c>urls</c>, the options the body's own.</summary>
    public static string OfBatch(string problem) => Rename(problem.Replace("seeds", "urls", StringComparison.Ordinal), OptionNames, string.Empty);

    private static string Rename(string problem, (string RipTide, string Firecrawl)[] names, string prefix)
    {
        foreach (var (ripTide, firecrawl) in names)
        {
            problem = problem.Replace(ripTide, string.Format(System.Globalization.CultureInfo.InvariantCulture, firecrawl, prefix), StringComparison.Ordinal);
        }

        return problem;
    }
}
