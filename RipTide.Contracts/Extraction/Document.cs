namespace RipTide.Contracts.Extraction;

/// <summary>
/// The content extracted from one page. <see cref="Meta"/>: the page's <c>&lt;meta&gt;</c> tags by property or name
/// (lower case; OpenGraph, Twitter cards, keywords, robots…), at most 64, each value at most 1,000 characters; null
/// from documents stored before it existed and where no page was parsed.
/// </summary>
public sealed record Document(
    string Url,
    string? CanonicalUrl,
    string? Title,
    string? Byline,
    string? PublishedIso,
    string? SiteName,
    string? Description,
    string? Language,
    string Text,
    string? Markdown,
    string? Html,
    IReadOnlyList<DocumentLink> Links,
    IReadOnlyList<DocumentMedia> Media,
    int WordCount,
    int ReadingTimeMinutes,
    double QualityScore,
    IReadOnlyList<string> Categories,
    System.Text.Json.JsonElement? Structured,
    ExtractionInfo Extraction,
    IReadOnlyDictionary<string, string>? Meta = null);
