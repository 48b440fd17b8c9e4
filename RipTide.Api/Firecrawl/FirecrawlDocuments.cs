using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using RipTide.Api.Crawling;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Contracts.Firecrawl;

namespace RipTide.Api.Firecrawl;

/// <summary>A RipTide result in Firecrawl's document shape, carrying only the formats asked for.</summary>
public static partial class FirecrawlDocuments
{
    // Raw HTML in the markdown is shown as text: the markdown came from a page, and a page is hostile.
    private static readonly MarkdownPipeline HtmlPipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>The result's document, parsed from the bytes the Extractor or the cache supplied when it carries them.</summary>
    public static Document? DocumentOf(CrawlResult result) => result switch
    {
        StoredDocumentResult { DocumentJson.IsEmpty: false } stored => JsonSerializer.Deserialize(stored.DocumentJson.Span, RipTideJsonContext.Default.Document),
        _ => result.Document,
    };

    public static FirecrawlDocument From(CrawlResult result, FirecrawlFormats formats)
    {
        var document = DocumentOf(result);
        var markdown = document?.Markdown ?? document?.Text ?? string.Empty;
        if (formats.RemoveBase64Images)
        {
            markdown = InlineImage().Replace(markdown, string.Empty);
        }

        var metadata = MetadataOf(result, document);
        return new FirecrawlDocument(
            formats.Markdown ? markdown : null,
            formats.Html ? Markdown.ToHtml(markdown, HtmlPipeline) : null,
            formats.RawHtml ? document?.Html ?? string.Empty : null,
            formats.Links ? [.. (document?.Links ?? []).Select(link => link.Url).Distinct(StringComparer.Ordinal)] : null,
            formats.Images ? [.. Images(document, formats.RemoveBase64Images)] : null,
            formats.Screenshot && result.Render?.Screenshot is { } png ? "data:image/png;base64," + png : null,
            metadata);
    }

    /// <summary>Meta tags with a field of their own, by the name the page gives them.</summary>
    private static readonly string[] MappedTags =
        ["keywords", "robots", "author", "article:published_time", "article:modified_time", "og:title", "og:description", "og:url", "og:image", "og:locale", "og:site_name"];

    /// <summary>Every member name of <see cref="FirecrawlMetadata"/>: a page's tag of the same name must not stand beside it.</summary>
    private static readonly HashSet<string> MemberNames = new(
        FirecrawlJsonContext.Default.FirecrawlMetadata.Properties.Select(property => property.Name), StringComparer.OrdinalIgnoreCase);

    private static FirecrawlMetadata MetadataOf(CrawlResult result, Document? document)
    {
        var tags = document?.Meta ?? new Dictionary<string, string>();
        string? Tag(string name) => tags.TryGetValue(name, out var value) ? value : null;
        var others = tags.Where(tag => !MappedTags.Contains(tag.Key) && !MemberNames.Contains(tag.Key)).ToDictionary(tag => tag.Key, tag => (object)tag.Value);
        return new FirecrawlMetadata(
            document?.Title,
            document?.Description,
            document?.Language,
            Tag("keywords"),
            Tag("robots"),
            document?.Byline ?? Tag("author"),
            document?.PublishedIso ?? Tag("article:published_time"),
            Tag("article:modified_time"),
            Tag("og:title"),
            Tag("og:description"),
            Tag("og:url"),
            Tag("og:image"),
            Tag("og:locale"),
            Tag("og:site_name") ?? document?.SiteName,
            result.Url,
            result.FinalUrl ?? result.Url,
            result.Status,
            result.ContentType,
            result.FromCache ? "hit" : "miss",
            result.Error?.Message)
        {
            Tags = others.Count > 0 ? others : null,
        };
    }

    private static IEnumerable<string> Images(Document? document, bool removeBase64) =>
        (document?.Media ?? [])
            .Where(media => media.Type == "image" && !(removeBase64 && media.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)))
            .Select(media => media.Url)
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"!\[[^\]]*\]\(data:[^)]*\)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex InlineImage();
}
