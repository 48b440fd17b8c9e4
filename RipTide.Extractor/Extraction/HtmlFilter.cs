using System.Diagnostics.CodeAnalysis;
using AngleSharp;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace RipTide.Extractor.Extraction;

/// <summary>
/// Narrows a page before extraction: the elements an exclude selector matches are removed; when include
/// selectors are given, only the elements they match stay in the body, in document order (an element inside
/// another match is kept once, with its ancestor), and the head stays for the page's metadata.
/// </summary>
public sealed class HtmlFilter
{
    private readonly string[] _include;
    private readonly string[] _exclude;

    private HtmlFilter(string[] include, string[] exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    /// <summary>The filter, or which selector does not parse; null when there is nothing to filter by.</summary>
    public static bool TryCreate(IReadOnlyList<string>? include, IReadOnlyList<string>? exclude, out HtmlFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        var parser = new CssSelectorParser();
        foreach (var (selectors, field) in new[] { (include, "include_selectors"), (exclude, "exclude_selectors") })
        {
            for (var i = 0; i < (selectors?.Count ?? 0); i++)
            {
                if (parser.ParseSelector(selectors![i]) is null)
                {
                    problem = $"{field}[{i}]: '{selectors[i]}' is not a valid CSS selector.";
                    return false;
                }
            }
        }

        problem = null;
        if (include is { Count: > 0 } || exclude is { Count: > 0 })
        {
            filter = new HtmlFilter([.. include ?? []], [.. exclude ?? []]);
        }

        return true;
    }

    public async Task<string> ApplyAsync(string html, Uri url, CancellationToken cancellationToken)
    {
        using var context = BrowsingContext.New(Configuration.Default);
        using var document = await context.OpenAsync(response => response.Content(html).Address(url), cancellationToken);
        if (_exclude.Length > 0)
        {
            foreach (var element in document.QuerySelectorAll(string.Join(", ", _exclude)))
            {
                element.Remove();
            }
        }

        if (_include.Length > 0 && document.Body is { } body)
        {
            // One selector list: its matches come in document order, each once.
            var matches = body.QuerySelectorAll(string.Join(", ", _include));
            var kept = new HashSet<IElement>(matches);
            var outermost = matches.Where(element => !Ancestors(element).Any(kept.Contains)).ToList();
            body.InnerHtml = string.Empty;
            body.Append([.. outermost]);
        }

        return document.DocumentElement.OuterHtml;
    }

    private static IEnumerable<IElement> Ancestors(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            yield return parent;
        }
    }
}
