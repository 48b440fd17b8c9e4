using RipTide.Contracts.Jobs;

namespace RipTide.Api.Jobs.Spider;

/// <summary>
/// Which discovered URLs a spider follows: inside the seeds' scope, matching <c>include</c> (when given) and not
/// <c>exclude</c>, no deeper than <c>max_depth</c>. Returns the skip reason, or null to follow.
/// </summary>
public sealed class SpiderRules
{
    private readonly string _scope;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _domains;
    private readonly PublicSuffixList? _suffixes;

    public SpiderRules(string scope, IEnumerable<Uri> seeds, PathPatterns include, PathPatterns exclude, int maxDepth, bool ignoreQueryParams, PublicSuffixList? suffixes)
    {
        if (scope == SpiderScopes.SameDomain && suffixes is null)
        {
            throw new ArgumentException("The same_domain scope needs the Public Suffix List.", nameof(suffixes));
        }

        _scope = scope;
        _suffixes = suffixes;
        var seedList = seeds.ToList();
        _hosts = new HashSet<string>(seedList.Select(seed => seed.IdnHost), StringComparer.OrdinalIgnoreCase);
        _domains = suffixes is null ? [] : new HashSet<string>(seedList.Select(seed => suffixes.RegistrableDomain(seed.IdnHost)), StringComparer.OrdinalIgnoreCase);
        Include = include;
        Exclude = exclude;
        MaxDepth = maxDepth;
        IgnoreQueryParams = ignoreQueryParams;
    }

    public PathPatterns Include { get; }

    public PathPatterns Exclude { get; }

    public int MaxDepth { get; }

    public bool IgnoreQueryParams { get; }

    /// <summary>The URL as the frontier keys it: the fragment always dropped, the query too when asked.</summary>
    public Uri Canonicalize(Uri url) =>
        IgnoreQueryParams && url.Query.Length > 0 ? new UriBuilder(url) { Query = string.Empty, Fragment = string.Empty }.Uri
        : url.Fragment.Length > 0 ? new UriBuilder(url) { Fragment = string.Empty }.Uri
        : url;

    public bool InScope(Uri url) => _scope switch
    {
        SpiderScopes.Any => true,
        SpiderScopes.SameDomain => _domains.Contains(_suffixes!.RegistrableDomain(url.IdnHost)),
        _ => _hosts.Contains(url.IdnHost),
    };

    /// <summary>Why <paramref name="url"/>, found at <paramref name="depth"/>, is not followed; null when it is.</summary>
    public string? SkipReason(Uri url, int depth)
    {
        if (depth > MaxDepth)
        {
            return SkipReasons.Depth;
        }

        if (!InScope(url))
        {
            return SkipReasons.Scope;
        }

        if ((!Include.IsEmpty && !Include.AnyMatches(url)) || Exclude.AnyMatches(url))
        {
            return SkipReasons.Pattern;
        }

        return null;
    }
}
