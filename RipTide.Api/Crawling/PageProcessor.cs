using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Polly;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Api.Gate;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Documents;

namespace RipTide.Api.Crawling;

/// <summary>What processing a fetched page produced: a document with the gate's account, or an error.</summary>
public sealed record ProcessedPage(DocumentJson? Document, string GateDecision, string? RenderPath, string? Escalation, CrawlError? Error)
{
    /// <summary>The document, or the error that took its place: exactly one of the two is set.</summary>
    public bool TryGetDocument([NotNullWhen(true)] out DocumentJson? document, [NotNullWhen(false)] out CrawlError? error)
    {
        if (Document is { } extracted)
        {
            (document, error) = (extracted, null);
            return true;
        }

        error = Error ?? throw new InvalidOperationException("A processed page has a document or an error.");
        document = null;
        return false;
    }
}

/// <summary>
/// Turns a fetched page into a document: the gate decides the path, the Extractor extracts (under the
/// process-wide extraction limit), and a poor probe or a page that needs a renderer is reported honestly.
/// </summary>
public sealed class PageProcessor(
    ExtractorClient extractor, PageGate gate, CrawlCapacity capacity, ApiMetrics metrics, TimeProvider time, ILogger<PageProcessor> logger)
{
    /// <summary>Processes the page by <paramref name="deadline"/>; <paramref name="cancellationToken"/> fires then as well.</summary>
    public async Task<ProcessedPage> ProcessAsync(Uri finalUrl, PageBody page, PageOutput output, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
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
                document = await extractor.ExtractAsync(finalUrl, page, deadline - time.GetUtcNow(), cancellationToken, request);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or ExtractionFailedException or JsonException or ExecutionRejectedException)
        {
            ApiLog.ExtractionFailed(logger, finalUrl, ex);
            var error = ExtractionError(ex);
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

    /// <summary>What the page's result says when the Extractor gave no document: its own reason where it named one.</summary>
    private static CrawlError ExtractionError(Exception exception) => exception switch
    {
        ExtractionFailedException { Status: 413 } =>
            new CrawlError(CrawlErrorTypes.TooLarge, "The page is larger than the extractor accepts.", Retryable: false),
        ExtractionFailedException { ErrorType: CrawlErrorTypes.TooComplex } =>
            new CrawlError(CrawlErrorTypes.TooComplex, "The page nests elements too deeply to be extracted.", Retryable: false),
        ExtractionFailedException { ErrorType: CrawlErrorTypes.Timeout } failed =>
            new CrawlError(CrawlErrorTypes.Timeout, failed.Detail ?? "Extraction did not finish in time.", Retryable: true),
        ExtractionFailedException failed =>
            new CrawlError(CrawlErrorTypes.ExtractionError, "The page could not be extracted.", failed.Retryable),
        _ => new CrawlError(CrawlErrorTypes.ExtractionError, "The page could not be extracted.", Retryable: true),
    };

    /// <summary><c>extraction: none</c>: the fetched HTML and nothing derived from it.</summary>
    private static DocumentJson RawDocument(Uri url, string html) => DocumentJson.From(new Document(
        url.AbsoluteUri, CanonicalUrl: null, Title: null, Byline: null, PublishedIso: null, SiteName: null, Description: null, Language: null,
        Text: string.Empty, Markdown: null, Html: html, Links: [], Media: [], WordCount: 0, ReadingTimeMinutes: 0, QualityScore: 0,
        Categories: [], Structured: null, new ExtractionInfo("none", 0, 0, 0)));
}
