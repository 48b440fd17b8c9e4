using System.Diagnostics;
using AngleSharp;
using RipTide.Contracts.Extraction;
using Document = RipTide.Contracts.Extraction.Document;

namespace RipTide.Extractor.Extraction;

/// <summary>
/// Turns HTML into a <see cref="Document"/> with AngleSharp. Each call gets its own browsing context
/// (AngleSharp documents are not shared across threads); the URL becomes the document's address so that
/// <c>&lt;base href&gt;</c> and relative links resolve as a browser would.
/// </summary>
public sealed class AngleSharpExtractor
{
    public const string EngineName = "anglesharp";
    private const int WordsPerMinute = 200;

    public async Task<Document> ExtractAsync(string html, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var context = BrowsingContext.New(Configuration.Default);
        using var document = await context.OpenAsync(response => response.Content(html).Address(url), cancellationToken);

        var nodes = document.All.Length;
        var metadata = PageMetadata.Read(document);
        var links = LinkCollector.Links(document);
        var root = MainContentFinder.FindRoot(document);
        var paragraphs = root is null ? [] : MainContentFinder.ReadParagraphs(root);
        var text = string.Join("\n\n", paragraphs);
        var words = TextNormalizer.CountWords(text);
        var media = root is null ? [] : LinkCollector.Images(root, document);

        return new Document(
            Url: url.AbsoluteUri,
            CanonicalUrl: metadata.CanonicalUrl,
            Title: metadata.Title,
            Byline: metadata.Byline,
            PublishedIso: metadata.PublishedIso,
            SiteName: metadata.SiteName,
            Description: metadata.Description,
            Language: metadata.Language,
            Text: text,
            Markdown: null,
            Html: null,
            Links: links,
            Media: media,
            WordCount: words,
            ReadingTimeMinutes: words == 0 ? 0 : Math.Max(1, (int)Math.Round(words / (double)WordsPerMinute)),
            QualityScore: EstimateQuality(words, paragraphs.Count, metadata.Title),
            Categories: [],
            Structured: null,
            Extraction: new ExtractionInfo(
                EngineName,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                MemoryUsedBytes: html.Length * sizeof(char),
                NodesProcessed: nodes),
            Meta: MetaTags.Read(document));
    }

    /// <summary>
    /// A coarse 0..1 estimate: enough words in enough paragraphs, and a title. Honest about what this
    /// engine knows; the WebAssembly engine computes a real one.
    /// </summary>
    private static double EstimateQuality(int words, int paragraphs, string? title)
    {
        var length = Math.Min(1.0, words / 300.0);
        var structure = Math.Min(1.0, paragraphs / 5.0);
        var titled = string.IsNullOrEmpty(title) ? 0.0 : 1.0;
        return Math.Round((0.6 * length) + (0.25 * structure) + (0.15 * titled), 3);
    }
}
