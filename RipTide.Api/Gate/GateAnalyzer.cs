using System.Text.RegularExpressions;

namespace RipTide.Api.Gate;

/// <summary>
/// Measures <see cref="GateFeatures"/> in one forward scan of the HTML text: tags are skipped, the bodies of
/// script, style, template and noscript elements are measured but not counted as visible text.
/// </summary>
public static partial class GateAnalyzer
{
    private static readonly string[] FrameworkMarkers =
    [
        "__NEXT_DATA__", "data-reactroot", "ng-version", "__NUXT__", "data-server-rendered", "data-v-app",
        "window.__INITIAL_STATE__", "data-sveltekit", "ember-application",
    ];

    private static readonly string[] JavaScriptPleas =
    [
        "enable javascript", "javascript is required", "requires javascript", "javascript is disabled",
        "turn on javascript", "need to enable javascript",
    ];

    public static GateFeatures Analyze(string html)
    {
        var visible = 0;
        var scripts = 0;
        var scriptChars = 0;
        var paragraphs = 0;
        var noscriptPlea = false;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                if (!char.IsWhiteSpace(c))
                {
                    visible++;
                }

                i++;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                i = SkipPast(html, i + 4, "-->");
                continue;
            }

            var tagEnd = html.IndexOf('>', i + 1);
            if (tagEnd < 0)
            {
                break;
            }

            var name = TagName(html, i + 1, tagEnd);
            if (name is "script" or "style" or "template" or "noscript")
            {
                var close = html.IndexOf("</" + name, tagEnd + 1, StringComparison.OrdinalIgnoreCase);
                var bodyEnd = close < 0 ? html.Length : close;
                if (name == "script")
                {
                    scripts++;
                    scriptChars += bodyEnd - tagEnd - 1;
                }
                else if (name == "noscript" && !noscriptPlea)
                {
                    noscriptPlea = AsksForJavaScript(html.AsSpan(tagEnd + 1, bodyEnd - tagEnd - 1));
                }

                i = close < 0 ? html.Length : SkipPast(html, close, ">");
                continue;
            }

            if (name == "p")
            {
                paragraphs++;
            }

            i = tagEnd + 1;
        }

        return new GateFeatures(
            html.Length,
            visible,
            scripts,
            scriptChars,
            paragraphs,
            FrameworkMarkers.Any(marker => html.Contains(marker, StringComparison.Ordinal)),
            Matches(EmptyAppRoot(), html),
            noscriptPlea,
            Matches(ArticleSignal(), html));
    }

    private static bool AsksForJavaScript(ReadOnlySpan<char> text)
    {
        foreach (var plea in JavaScriptPleas)
        {
            if (text.Contains(plea, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A pattern that cannot decide within its time budget counts as absent: the gate stays cheap.</summary>
    private static bool Matches(Regex pattern, string html)
    {
        try
        {
            return pattern.IsMatch(html);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Lower-case name of the tag opening at <paramref name="start"/>; empty for end tags and declarations.</summary>
    private static string TagName(string html, int start, int end)
    {
        var length = 0;
        while (start + length < end && length < 9 && char.IsAsciiLetterOrDigit(html[start + length]))
        {
            length++;
        }

        return length == 0 ? string.Empty : html.Substring(start, length).ToLowerInvariant();
    }

    private static int SkipPast(string html, int from, string terminator)
    {
        var index = html.IndexOf(terminator, from, StringComparison.Ordinal);
        return index < 0 ? html.Length : index + terminator.Length;
    }

    [GeneratedRegex("""<div[^>]*\bid\s*=\s*["']?(?:root|app|__next|__nuxt|main-app|svelte)["']?[^>]*>\s*</div>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex EmptyAppRoot();

    [GeneratedRegex("""<article\b|property\s*=\s*["']og:type["']\s+content\s*=\s*["']article|"@type"\s*:\s*"(?:News|Blog)?(?:Article|Posting)"|itemprop\s*=\s*["']articleBody""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex ArticleSignal();
}
