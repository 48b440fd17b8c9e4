using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace RipTide.Api.Gate;

/// <summary>
/// Measures <see cref="GateFeatures"/> in one forward scan of the page: tags are skipped, the bodies of
/// script, style, template and noscript elements are measured but not counted as visible text.
/// </summary>
public static partial class GateAnalyzer
{
    /// <summary>Searched for all at once, in one vectorised pass over the page.</summary>
    private static readonly SearchValues<string> FrameworkMarkers = SearchValues.Create(
    [
        "__NEXT_DATA__", "data-reactroot", "ng-version", "__NUXT__", "data-server-rendered", "data-v-app",
        "window.__INITIAL_STATE__", "data-sveltekit", "ember-application",
    ], StringComparison.Ordinal);

    private static readonly string[] CountedTags = ["script", "style", "template", "noscript", "p", "div"];

    private static readonly string[] JavaScriptPleas =
    [
        "enable javascript", "javascript is required", "requires javascript", "javascript is disabled",
        "turn on javascript", "need to enable javascript",
    ];

    /// <summary>
    /// Measures a UTF-8 page. The bytes are widened one-to-one into a pooled buffer (Latin-1) rather than
    /// decoded: everything the gate looks for is ASCII, the widening is a vectorised copy, and no
    /// page-sized string is left for the garbage collector.
    /// </summary>
    public static GateFeatures Analyze(ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 1));
        try
        {
            var length = Encoding.Latin1.GetChars(utf8, chars);
            // Sizes stay in characters, as the gate's thresholds were set: a CJK page is not three times longer.
            return Analyze(chars.AsSpan(0, length), Encoding.UTF8.GetCharCount(utf8));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static GateFeatures Analyze(ReadOnlySpan<char> html, int characters)
    {
        var visible = 0;
        var scripts = 0;
        var scriptChars = 0;
        var paragraphs = 0;
        var noscriptPlea = false;
        var emptyAppRoot = false;
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] != '<')
            {
                var end = html[i..].IndexOf('<');
                end = end < 0 ? html.Length : i + end;
                visible += VisibleCharacters(html[i..end]);
                i = end;
                continue;
            }

            if (html[i..].StartsWith("<!--", StringComparison.Ordinal))
            {
                i = SkipPast(html, i + 4, "-->");
                continue;
            }

            var tagEnd = html[(i + 1)..].IndexOf('>');
            if (tagEnd < 0)
            {
                break;
            }

            tagEnd += i + 1;
            var name = TagName(html, i + 1, tagEnd);
            if (ClosingTag(name) is { } closing)
            {
                var close = html[(tagEnd + 1)..].IndexOf(closing, StringComparison.OrdinalIgnoreCase);
                close = close < 0 ? -1 : close + tagEnd + 1;
                var bodyEnd = close < 0 ? html.Length : close;
                if (name == "script")
                {
                    scripts++;
                    scriptChars += bodyEnd - tagEnd - 1;
                }
                else if (name == "noscript" && !noscriptPlea)
                {
                    noscriptPlea = AsksForJavaScript(html[(tagEnd + 1)..bodyEnd]);
                }

                i = close < 0 ? html.Length : SkipPast(html, close, ">");
                continue;
            }

            if (name == "p")
            {
                paragraphs++;
            }
            else if (name == "div" && !emptyAppRoot)
            {
                emptyAppRoot = IsEmptyAppRoot(html, i, tagEnd);
            }

            i = tagEnd + 1;
        }

        return new GateFeatures(
            characters,
            visible,
            scripts,
            scriptChars,
            paragraphs,
            html.IndexOfAny(FrameworkMarkers) >= 0,
            emptyAppRoot,
            noscriptPlea,
            Matches(ArticleSignal(), html));
    }

    /// <summary>
    /// Characters of text that are not white space, counting each character once: a UTF-8 continuation
    /// byte (here U+0080–U+00BF) belongs to the character before it. ASCII runs of any length, the bulk
    /// of a page, are counted with vectorised passes.
    /// </summary>
    private static int VisibleCharacters(ReadOnlySpan<char> text)
    {
        if (text.Length >= 32 && !text.ContainsAnyInRange('\u0080', '\u00FF'))
        {
            return text.Length - text.Count(' ') - text.Count('\n') - text.Count('\t') - text.Count('\r') - text.Count('\f') - text.Count('\v');
        }

        var visible = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not (>= '\u0080' and <= '\u00BF'))
            {
                visible++;
            }
        }

        return visible;
    }

    /// <summary>
    /// An empty <c>&lt;div id="root"&gt;&lt;/div&gt;</c> (or app, __next, …): a page a script fills in. Checked per
    /// div during the walk, emptiness first: one pattern over the whole page tried every div's attributes
    /// and cost more than the rest of the gate together.
    /// </summary>
    private static bool IsEmptyAppRoot(ReadOnlySpan<char> html, int tagStart, int tagEnd)
    {
        var after = html[(tagEnd + 1)..].TrimStart();
        return after.StartsWith("</div", StringComparison.OrdinalIgnoreCase) && Matches(AppRootId(), html[tagStart..tagEnd]);
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
    private static bool Matches(Regex pattern, ReadOnlySpan<char> html)
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

    /// <summary>The tags whose bodies are measured apart, by the lower-case name the scan returns.</summary>
    private static string? ClosingTag(string name) => name switch
    {
        "script" => "</script",
        "style" => "</style",
        "template" => "</template",
        "noscript" => "</noscript",
        _ => null,
    };

    /// <summary>The lower-case name of the tag opening at <paramref name="start"/> when the gate counts it; else empty.</summary>
    private static string TagName(ReadOnlySpan<char> html, int start, int end)
    {
        var length = 0;
        while (start + length < end && length < 9 && char.IsAsciiLetterOrDigit(html[start + length]))
        {
            length++;
        }

        var name = html.Slice(start, length);
        foreach (var counted in CountedTags)
        {
            if (name.Equals(counted, StringComparison.OrdinalIgnoreCase))
            {
                return counted;
            }
        }

        return string.Empty;
    }

    private static int SkipPast(ReadOnlySpan<char> html, int from, string terminator)
    {
        var index = html[from..].IndexOf(terminator, StringComparison.Ordinal);
        return index < 0 ? html.Length : from + index + terminator.Length;
    }

    /// <summary>Within one div's opening tag: an id that app frameworks mount into.</summary>
    [GeneratedRegex("""(?<![\w-])id\s*=\s*["']?(?:root|app|__next|__nuxt|main-app|svelte)(?:["'\s/]|$)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex AppRootId();

    [GeneratedRegex("""<article\b|property\s*=\s*["']og:type["']\s+content\s*=\s*["']article|"@type"\s*:\s*"(?:News|Blog)?(?:Article|Posting)"|itemprop\s*=\s*["']articleBody""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex ArticleSignal();
}
