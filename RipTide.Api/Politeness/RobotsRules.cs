namespace RipTide.Api.Politeness;

/// <summary>One Allow or Disallow line: a path pattern with <c>*</c> wildcards and an optional <c>$</c> end anchor.</summary>
public sealed record RobotsRule(bool Allow, string Pattern)
{
    /// <summary>RFC 9309 §2.2.2: the most specific (longest) matching pattern wins.</summary>
    public int Specificity => Pattern.Length;

    public bool Matches(string pathAndQuery)
    {
        var anchored = Pattern.EndsWith('$');
        var pattern = anchored ? Pattern.AsSpan(0, Pattern.Length - 1) : Pattern.AsSpan();
        return WildcardMatch(pattern, pathAndQuery, anchored);
    }

    /// <summary>
    /// Iterative wildcard match (no recursion, no regex): <c>*</c> matches any run of characters; without the
    /// anchor the pattern only has to match a prefix of the path.
    /// </summary>
    private static bool WildcardMatch(ReadOnlySpan<char> pattern, string path, bool anchored)
    {
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < path.Length)
        {
            if (p == pattern.Length && !anchored)
            {
                return true;
            }

            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

/// <summary>The rules of robots.txt that apply to our user agent, its Crawl-delay, and the sitemaps it declares.</summary>
public sealed record RobotsRules(IReadOnlyList<RobotsRule> Rules, TimeSpan? CrawlDelay, IReadOnlyList<Uri>? Sitemaps = null)
{
    public static readonly RobotsRules AllowAll = new([], null);

    public static readonly RobotsRules DisallowAll = new([new RobotsRule(Allow: false, "/")], null);

    public bool IsAllowed(Uri url)
    {
        var path = url.PathAndQuery;
        if (path == "/robots.txt")
        {
            return true;
        }

        RobotsRule? best = null;
        foreach (var rule in Rules)
        {
            // Longest match wins; on a tie the less restrictive Allow wins (RFC 9309 §2.2.2).
            if (rule.Matches(path) && (best is null || rule.Specificity > best.Specificity || (rule.Specificity == best.Specificity && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }
}
