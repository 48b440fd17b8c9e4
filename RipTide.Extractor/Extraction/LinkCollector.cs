using AngleSharp.Dom;
using RipTide.Contracts.Extraction;

namespace RipTide.Extractor.Extraction;

/// <summary>Links and images of a page, absolute against the document's base URL, de-duplicated.</summary>
internal static class LinkCollector
{
    private const int MaxItems = 2000;

    public static IReadOnlyList<DocumentLink> Links(IDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<DocumentLink>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (links.Count == MaxItems)
            {
                break;
            }

            if (ToAbsoluteHttp(document, anchor.GetAttribute("href")) is { } url && seen.Add(url))
            {
                links.Add(new DocumentLink(url, TextNormalizer.Collapse(anchor.TextContent), NullIfEmpty(anchor.GetAttribute("rel"))));
            }
        }

        return links;
    }

    public static IReadOnlyList<DocumentMedia> Images(IElement root, IDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var media = new List<DocumentMedia>();
        foreach (var image in root.QuerySelectorAll("img[src]"))
        {
            if (media.Count == MaxItems)
            {
                break;
            }

            if (ToAbsoluteHttp(document, image.GetAttribute("src")) is { } url && seen.Add(url))
            {
                media.Add(new DocumentMedia("image", url, NullIfEmpty(image.GetAttribute("alt"))));
            }
        }

        return media;
    }

    private static string? ToAbsoluteHttp(IDocument document, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)
            || !Uri.TryCreate(new Uri(document.BaseUri), reference.Trim(), out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
