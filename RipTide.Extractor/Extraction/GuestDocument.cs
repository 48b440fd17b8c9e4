using System.Text.Json.Serialization;
using RipTide.Contracts.Extraction;

namespace RipTide.Extractor.Extraction;

/// <summary>The extraction module's JSON output: the Document's fields plus what only the guest knows.</summary>
public sealed record GuestDocument(
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
    IReadOnlyList<DocumentLink> Links,
    IReadOnlyList<DocumentMedia> Media,
    int WordCount,
    int ReadingTimeMinutes,
    double QualityScore,
    IReadOnlyList<string> Categories,
    int NodesProcessed,
    string EngineVersion);

/// <summary>The guest's wire format lives only between the Extractor and its module.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GuestDocument))]
internal sealed partial class GuestJsonContext : JsonSerializerContext;
