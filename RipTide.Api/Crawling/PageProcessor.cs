using System.Text.Json;
using Polly;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Api.Gate;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.ServiceDefaults.Http;

namespace RipTide.Api.Crawling;

/// <summary>What processing a fetched page produced: a document with the gate's account, or an error.</summary>
public sealed record ProcessedPage(DocumentJson? Document, string GateDecision, string? RenderPath, string? Escalation, CrawlError? Error);

/// <summary>
/// Turns a fetched page into a document: the gate decides the path, the Extractor extracts (under the
/// process-wide extraction limit), and a poor probe or a page that needs a renderer is reported honestly.
/// </summary>
public sealed class PageProcessor(ExtractorClient extractor, PageGate gate, CrawlCapacity capacity, ApiMetrics metrics, ILogger<PageProcessor> logger)
{
    public async Task<ProcessedPage> ProcessAsync(Uri finalUrl, FetchOutcome fetched, PageOutput output, CancellationToken cancellationToken)
    {
        var page = fetched.Body!;
        string decision;
        using (await capacity.GateAsync(cancellationToken))
        {
            decision = gate.Decide(GateAnalyzer.Analyze(page.Utf8.Span), output.Render);
        }

        if (output.Extraction == ExtractionModes.None)
        {
            metrics.RecordGate(decision, escalation: null);
            return new ProcessedPage(RawDocument(finalUrl, page.Text), decision, RenderPaths.None, Escalation: null, Error: null);
        }

        DocumentJson document;
        try
        {
            using (await capacity.ExtractionAsync(cancellationToken))
            {
                var request = new ExtractRequest(null, Extraction: output.Extraction, IncludeMarkdown: output.IncludeMarkdown, CssSchema: output.CssSchema);
                document = await extractor.ExtractAsync(finalUrl, page, cancellationToken, request);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or ExtractionFailedException or JsonException or ExecutionRejectedException)
        {
            ApiLog.ExtractionFailed(logger, finalUrl, ex);
            var error = ex is ExtractionFailedException { Status: 413 }
                ? new CrawlError(CrawlErrorTypes.TooLarge, "The page is larger than the extractor accepts.", Retryable: false)
                : new CrawlError(CrawlErrorTypes.ExtractionError, "The page could not be extracted.", ex is not ExtractionFailedException failed || failed.Retryable);
            metrics.RecordGate(decision, escalation: null);
            return new ProcessedPage(null, decision, RenderPath: null, Escalation: null, error);
        }

        if (output.IncludeHtml)
        {
            document = document.WithHtml(page.Text);
        }

        var escalation = gate.Escalation(decision, document.QualityScore, document.WordCount);
        metrics.RecordGate(decision, escalation);
        return new ProcessedPage(document, decision, RenderPaths.Static, escalation, Error: null);
    }

    /// <summary><c>extraction: none</c>: the fetched HTML and nothing derived from it.</summary>
    private static DocumentJson RawDocument(Uri url, string html) => DocumentJson.From(new Document(
        url.AbsoluteUri, CanonicalUrl: null, Title: null, Byline: null, PublishedIso: null, SiteName: null, Description: null, Language: null,
        Text: string.Empty, Markdown: null, Html: html, Links: [], Media: [], WordCount: 0, ReadingTimeMinutes: 0, QualityScore: 0,
        Categories: [], Structured: null, new ExtractionInfo("none", 0, 0, 0)));
}
