using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace RipTide.Api.Jobs.Spider;

/// <summary>
/// <c>spider.include</c> / <c>spider.exclude</c>: each pattern matches a URL's path (with its query). A glob by
/// default (<c>*</c> any run of characters except <c>/</c>, <c>**</c> any run at all, <c>?</c> one character,
/// anchored at both ends); a regular expression when prefixed <c>re:</c> (searched, not anchored). A client writes
/// these and every link of every page is matched against them, so they run on .NET's non-backtracking engine:
/// time linear in the URL whatever the pattern (no backreferences or lookarounds, refused as invalid); the match
/// timeout stays as a backstop.
/// </summary>
public sealed class PathPatterns
{
    public const string RegexPrefix = "re:";
    public const int MaxPatternLength = 1000;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private const RegexOptions Engine = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private readonly Regex[] _patterns;

    private PathPatterns(Regex[] patterns) => _patterns = patterns;

    public static PathPatterns None { get; } = new([]);

    public bool IsEmpty => _patterns.Length == 0;

    public static bool TryCreate(IReadOnlyList<string>? patterns, string field, [NotNullWhen(true)] out PathPatterns? created, out string problem)
    {
        created = null;
        problem = string.Empty;
        if (patterns is null || patterns.Count == 0)
        {
            created = None;
            return true;
        }

        var compiled = new Regex[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxPatternLength)
            {
                problem = $"{field}[{i}] must be 1 to {MaxPatternLength} characters.";
                return false;
            }

            try
            {
                compiled[i] = pattern.StartsWith(RegexPrefix, StringComparison.Ordinal)
                    ? new Regex(pattern[RegexPrefix.Length..], Engine, MatchTimeout)
                    : new Regex(GlobToRegex(pattern), Engine, MatchTimeout);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                problem = $"{field}[{i}] is not a valid regular expression: {ex.Message}";
                return false;
            }
        }

        created = new PathPatterns(compiled);
        return true;
    }

    /// <summary>True when any pattern matches the URL's path and query. A pattern that times out does not match.</summary>
    public bool AnyMatches(Uri url)
    {
        var path = url.PathAndQuery;
        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.IsMatch(path))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that cannot decide in time is no match: the URL is judged by the others.
            }
        }

        return false;
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
