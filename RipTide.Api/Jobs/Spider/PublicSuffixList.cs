using System.Globalization;
using System.Net;

namespace RipTide.Api.Jobs.Spider;

/// <summary>
/// The Public Suffix List (publicsuffix.org) as Debian's <c>publicsuffix</c> package ships it, for the
/// <c>same_domain</c> scope: <c>news.example.co.uk</c> and <c>www.example.co.uk</c> share the registrable domain
/// <c>example.co.uk</c>, while <c>a.github.io</c> and <c>b.github.io</c> do not. Rules: the longest match wins,
/// <c>*.</c> matches one label, <c>!</c> marks an exception, and an unlisted top-level label is a suffix of its own.
/// </summary>
public sealed class PublicSuffixList
{
    public const string DebianPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private readonly HashSet<string> _rules;
    private readonly HashSet<string> _wildcards;
    private readonly HashSet<string> _exceptions;

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcards, HashSet<string> exceptions)
    {
        _rules = rules;
        _wildcards = wildcards;
        _exceptions = exceptions;
    }

    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Reads the list at <paramref name="path"/>; null when it is not there.</summary>
    public static PublicSuffixList? TryLoad(string path) => File.Exists(path) ? Parse(File.ReadLines(path)) : null;

    public static PublicSuffixList Parse(IEnumerable<string> lines)
    {
        HashSet<string> rules = new(StringComparer.Ordinal), wildcards = new(StringComparer.Ordinal), exceptions = new(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            // A rule is the first whitespace-separated word of a line; "//" starts a comment.
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var rule = Ascii(line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0]);
            if (rule.StartsWith('!'))
            {
                exceptions.Add(rule[1..]);
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcards.Add(rule[2..]);
            }
            else
            {
                rules.Add(rule);
            }
        }

        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /// <summary>The registrable domain of <paramref name="host"/> (lower-case, punycode), or the host itself for an IP address or a bare suffix.</summary>
    public string RegistrableDomain(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return host;
        }

        var labels = host.Split('.');
        var suffixLabels = SuffixLength(labels);
        return suffixLabels >= labels.Length ? host : string.Join('.', labels[^(suffixLabels + 1)..]);
    }

    /// <summary>How many trailing labels of the host form its public suffix.</summary>
    private int SuffixLength(string[] labels)
    {
        for (var start = 0; start < labels.Length; start++)
        {
            var candidate = string.Join('.', labels[start..]);
            var length = labels.Length - start;
            if (_exceptions.Contains(candidate))
            {
                // "!city.kawasaki.jp": city.kawasaki.jp is registrable, so its suffix is one label shorter.
                return length - 1;
            }

            if (_rules.Contains(candidate))
            {
                return length;
            }

            if (start + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels[(start + 1)..])))
            {
                return length;
            }
        }

        return 1;
    }

    private static string Ascii(string rule)
    {
        var lower = rule.ToLowerInvariant();
        if (lower.All(char.IsAscii))
        {
            return lower;
        }

        var prefix = lower.StartsWith('!') ? "!" : lower.StartsWith("*.", StringComparison.Ordinal) ? "*." : string.Empty;
        return prefix + new IdnMapping().GetAscii(lower[prefix.Length..]);
    }
}
