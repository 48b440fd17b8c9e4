namespace RipTide.Contracts.Extraction;

/// <summary>The content extracted from one page.</summary>
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
    ExtractionInfo Extraction);
