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

        var metadata = new FirecrawlMetadata(
            document?.Title,
            document?.Description,
            document?.Language,
            document?.Byline,
            document?.PublishedIso,
            document?.SiteName,
            result.Url,
            result.FinalUrl ?? result.Url,
            result.Status,
            result.ContentType,
            result.FromCache ? "hit" : "miss",
            result.Error?.Message);
        return new FirecrawlDocument(
            formats.Markdown ? markdown : null,
            formats.Html ? Markdown.ToHtml(markdown, HtmlPipeline) : null,
            formats.RawHtml ? document?.Html ?? string.Empty : null,
            formats.Links ? [.. (document?.Links ?? []).Select(link => link.Url).Distinct(StringComparer.Ordinal)] : null,
            formats.Images ? [.. Images(document, formats.RemoveBase64Images)] : null,
            formats.Screenshot && result.Render?.Screenshot is { } png ? "data:image/png;base64," + png : null,
            metadata);
    }

    private static IEnumerable<string> Images(Document? document, bool removeBase64) =>
        (document?.Media ?? [])
            .Where(media => media.Type == "image" && !(removeBase64 && media.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)))
            .Select(media => media.Url)
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"!\[[^\]]*\]\(data:[^)]*\)", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex InlineImage();
}
