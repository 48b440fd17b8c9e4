using System.Globalization;
using RipTide.Api.Crawling;

namespace RipTide.Api.Politeness;

/// <summary>
/// Parses robots.txt (RFC 9309) for one user-agent product token: the groups naming the token
/// (case-insensitively) are merged; without one, the <c>*</c> groups apply; without either, everything is
/// allowed. Crawl-delay, not in the RFC but widely used, is read from the same groups.
/// </summary>
public static class RobotsParser
{
    /// <summary>Bounds the work a hostile file can cause.</summary>
    public const int MaxRules = 10_000;

    public static RobotsRules Parse(string text, string productToken)
    {
        var specific = new GroupBuilder();
        var wildcard = new GroupBuilder();
        var agents = new List<string>();
        var lastWasAgent = false;
        var rules = 0;

        foreach (var rawLine in text.Split('\n'))
        {
            var line = StripComment(rawLine).Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent" or "useragent")
            {
                if (!lastWasAgent)
                {
                    agents.Clear();
                }

                agents.Add(value);
                lastWasAgent = true;
                continue;
            }

            lastWasAgent = false;
            if (agents.Count == 0 || ++rules > MaxRules)
            {
                continue;
            }

            var forUs = agents.Any(agent => Names(agent, productToken));
            var forAll = agents.Contains("*");
            if (forUs)
            {
                specific.Add(key, value);
            }

            if (forAll)
            {
                wildcard.Add(key, value);
            }
        }

        var chosen = specific.Seen ? specific : wildcard;
        return chosen.Seen ? chosen.Build() : RobotsRules.AllowAll;
    }

    /// <summary>A user-agent line names us when its product token equals ours, ignoring case and any version.</summary>
    private static bool Names(string agent, string productToken)
    {
        var token = agent.Split('/', 2)[0].Trim();
        return token.Length > 0 && token != "*" && token.Equals(productToken, StringComparison.OrdinalIgnoreCase);
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return hash < 0 ? line : line[..hash];
    }

    private const int MaxSitemapLines = 100;

    /// <summary>The <c>Sitemap:</c> lines of a robots.txt (they apply to every user agent), as absolute http(s) URLs.</summary>
    public static IReadOnlyList<Uri> Sitemaps(string robotsTxt, int maxUrlLength)
    {
        var sitemaps = new List<Uri>();
        foreach (var line in robotsTxt.Split('\n'))
        {
            var trimmed = line.Trim();
            var colon = trimmed.IndexOf(':');
            if (colon <= 0 || !trimmed[..colon].Trim().Equals("sitemap", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = trimmed[(colon + 1)..];
            var comment = value.IndexOf('#');
            if (UrlNormalizer.TryNormalize(comment >= 0 ? value[..comment] : value, maxUrlLength, out var url, out _) && !sitemaps.Contains(url))
            {
                sitemaps.Add(url);
                if (sitemaps.Count == MaxSitemapLines)
                {
                    break;
                }
            }
        }

        return sitemaps;
    }

    private sealed class GroupBuilder
    {
        private readonly List<RobotsRule> _rules = [];
        private TimeSpan? _crawlDelay;

        public bool Seen { get; private set; }

        public void Add(string key, string value)
        {
            Seen = true;
            switch (key)
            {
                case "allow" when value.Length > 0:
                    _rules.Add(new RobotsRule(Allow: true, value));
                    break;
                case "disallow" when value.Length > 0:
                    // An empty Disallow allows everything, which is what no rule means.
                    _rules.Add(new RobotsRule(Allow: false, value));
                    break;
                case "crawl-delay" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds):
                    _crawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
                    break;
            }
        }

        public RobotsRules Build() => new(_rules, _crawlDelay);
    }
}
