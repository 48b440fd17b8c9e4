using AngleSharp.Dom;

namespace RipTide.Extractor.Extraction;

/// <summary>
/// A deliberately simple main-content finder for the AngleSharp engine: drop chrome and non-content
/// elements, prefer the largest <c>article</c>, then <c>main</c>/<c>[role=main]</c>, else the body, and
/// read its text block by block. The WebAssembly engine replaces this with real readability scoring.
/// </summary>
internal static class MainContentFinder
{
    private const string NonContentSelector =
        "script, style, noscript, template, svg, iframe, object, nav, header, footer, aside, form, button, " +
        "[hidden], [aria-hidden='true'], [role='navigation'], [role='banner'], [role='contentinfo']";

    private const string BlockSelector = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, td, th, figcaption, dt, dd";

    public static IElement? FindRoot(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll(NonContentSelector).ToList())
        {
            element.Remove();
        }

        var article = document.QuerySelectorAll("article")
            .OrderByDescending(a => a.TextContent.Length)
            .FirstOrDefault();
        return article
            ?? document.QuerySelector("main, [role='main']")
            ?? document.Body;
    }

    /// <summary>The root's text, one paragraph per block element, separated by blank lines.</summary>
    public static IReadOnlyList<string> ReadParagraphs(IElement root)
    {
        var blocks = root.QuerySelectorAll(BlockSelector);
        var paragraphs = new List<string>(blocks.Length);
        foreach (var block in blocks)
        {
            // A paragraph inside a list item or a quote is read once, as part of the outer block.
            if (block.ParentElement?.Closest(BlockSelector) is { } outer && root.Contains(outer))
            {
                continue;
            }

            var text = TextNormalizer.Collapse(block.TextContent);
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }

        if (paragraphs.Count == 0)
        {
            var all = TextNormalizer.Collapse(root.TextContent);
            if (all.Length > 0)
            {
                paragraphs.Add(all);
            }
        }

        return paragraphs;
    }
}
