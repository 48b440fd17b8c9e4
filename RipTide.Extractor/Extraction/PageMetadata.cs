using AngleSharp.Dom;

namespace RipTide.Extractor.Extraction;

/// <summary>Page-level metadata from the usual meta tags; the first non-empty source wins.</summary>
internal sealed record PageMetadata(
    string? Title,
    string? Description,
    string? SiteName,
    string? Language,
    string? CanonicalUrl,
    string? Byline,
    string? PublishedIso)
{
    public static PageMetadata Read(IDocument document) => new(
        Title: First(Meta(document, "og:title"), Meta(document, "twitter:title"), document.Title, document.QuerySelector("h1")?.TextContent),
        Description: First(Meta(document, "description"), Meta(document, "og:description")),
        SiteName: First(Meta(document, "og:site_name")),
        Language: First(document.DocumentElement.GetAttribute("lang")),
        CanonicalUrl: First(document.QuerySelector("link[rel='canonical'][href]") is IElement link ? Absolute(document, link.GetAttribute("href")) : null),
        Byline: First(Meta(document, "author"), Meta(document, "article:author")),
        PublishedIso: First(Meta(document, "article:published_time"), document.QuerySelector("time[datetime]")?.GetAttribute("datetime")));

    private static string? Meta(IDocument document, string key) =>
        document.QuerySelector($"meta[property='{key}'][content], meta[name='{key}'][content]")?.GetAttribute("content");

    private static string? First(params string?[] candidates) =>
        candidates.Select(TextNormalizer.Collapse).FirstOrDefault(c => c.Length > 0);

    private static string? Absolute(IDocument document, string? href) =>
        Uri.TryCreate(new Uri(document.BaseUri), href, out var uri) ? uri.AbsoluteUri : null;
}
