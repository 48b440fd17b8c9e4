using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Polly;
using RipTide.Api.Extraction;
using RipTide.Api.Fetching;
using RipTide.Api.Gate;
using RipTide.Api.Rendering;
using RipTide.Api.Telemetry;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;
using RipTide.Contracts.Rendering;
using RipTide.Documents;

namespace RipTide.Api.Crawling;

/// <summary>What processing a fetched page produced: a document with the gate's account, or an error.</summary>
public sealed record ProcessedPage(DocumentJson? Document, string GateDecision, string? RenderPath, string? Escalation, CrawlError? Error, RenderInfo? Render = null)
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
/// Turns a fetched page into a document: the gate decides the path, the Renderer runs the page's scripts when
/// the path needs a browser (and one is running), the Extractor extracts (under the process-wide extraction
/// limit), and a poor static probe goes on to the browser. Without a Renderer the static result is returned
/// and the escalation reported honestly.
/// </summary>
public sealed class PageProcessor(
    ExtractorClient extractor, RendererClient renderer, PageGate gate, CrawlCapacity capacity, ApiMetrics metrics, TimeProvider time, ILogger<PageProcessor> logger)
{
    /// <summary>Processes the page by <paramref name="deadline"/>; <paramref name="cancellationToken"/> fires then as well.</summary>
    public async Task<ProcessedPage> ProcessAsync(Uri finalUrl, PageBody page, int status, PageOutput output, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        string decision;
        using (await capacity.GateAsync(cancellationToken))
        {
            decision = gate.Decide(GateAnalyzer.Analyze(page.Utf8.Span), output.Render);
        }

        var browser = output.BrowserSettings;
        if (RenderReason(decision, output) is { } reason)
        {
            if (renderer.Available)
            {
                return await RenderAndExtractAsync(finalUrl, page, status, output, decision, reason, escalation: null, deadline, cancellationToken);
            }

            if (browser.AsksForBrowser)
            {
                metrics.RecordGate(decision, GateEscalations.HeadlessUnavailable);
                return new ProcessedPage(null, decision, RenderPath: null, GateEscalations.HeadlessUnavailable, NoRenderer);
            }
        }

        var (document, error) = await ExtractAsync(finalUrl, page, output, deadline, cancellationToken);
        if (document is null)
        {
            metrics.RecordGate(decision, escalation: null);
            return new ProcessedPage(null, decision, RenderPath: null, Escalation: null, error);
        }

        var escalation = output.Extraction == ExtractionModes.None ? null : gate.Escalation(decision, document.QualityScore, document.WordCount, renderer.Available);
        if (escalation == GateEscalations.PoorQuality && renderer.Available && output.Render == RenderModes.Auto)
        {
            var rendered = await RenderAndExtractAsync(finalUrl, page, status, output, decision, RenderReasons.PoorQuality, escalation, deadline, cancellationToken);
            // The browser's version stands when it found at least as much text; a failed render keeps the static one.
            if (rendered.Document is { } better && better.WordCount >= document.WordCount)
            {
                return rendered;
            }

            return new ProcessedPage(document, decision, RenderPaths.Static, escalation, Error: null);
        }

        metrics.RecordGate(decision, escalation);
        return new ProcessedPage(document, decision, output.Extraction == ExtractionModes.None ? RenderPaths.None : RenderPaths.Static, escalation, Error: null);
    }

    /// <summary>Why this page goes to the browser before extraction, or null when the static HTML is extracted first.</summary>
    private static string? RenderReason(string decision, PageOutput output) =>
        output.Render == RenderModes.Static ? null
        : output.Render == RenderModes.Headless || output.BrowserSettings.AsksForBrowser ? RenderReasons.Requested
        : decision == GateDecisions.Headless ? RenderReasons.ScriptBuilt
        : null;

    private static readonly CrawlError NoRenderer = new(CrawlErrorTypes.RenderFailed,
        "This page needs the browser (wait_for, scroll or screenshot), and no renderer runs on this server: install Chromium (apt-get install chromium) and restart.", Retryable: false);

    private async Task<ProcessedPage> RenderAndExtractAsync(
        Uri finalUrl, PageBody page, int status, PageOutput output, string decision, string reason, string? escalation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        RenderResponse rendered;
        try
        {
            rendered = await renderer.RenderAsync(finalUrl, page.Text, status, output.BrowserSettings, RenderBudget(output.BrowserSettings, deadline), cancellationToken, output.Mobile);
        }
        catch (Exception ex) when (ex is RenderRefusedException or HttpRequestException or JsonException or ExecutionRejectedException)
        {
            var error = ex is RenderRefusedException refused
                ? refused.Error
                : new CrawlError(CrawlErrorTypes.RenderFailed, "The renderer could not be reached.", Retryable: true);
            ApiLog.RenderFailed(logger, finalUrl, error.Type);
            metrics.RecordRender(reason, error.Type, time.GetElapsedTime(started));
            metrics.RecordGate(decision, escalation);
            return new ProcessedPage(null, decision, RenderPaths.Headless, escalation, error);
        }

        metrics.RecordRender(reason, "ok", time.GetElapsedTime(started));
        metrics.RecordGate(decision, escalation);
        var info = new RenderInfo(reason, Math.Round(rendered.Timings.TotalMs, 1), rendered.Requests, rendered.Refused, rendered.ScreenshotPng);
        using var renderedPage = PageBody.FromText(rendered.Html);
        var renderedUrl = Uri.TryCreate(rendered.FinalUrl, UriKind.Absolute, out var url) ? url : finalUrl;
        var (document, extractionError) = await ExtractAsync(renderedUrl, renderedPage, output, deadline, cancellationToken);
        return document is null
            ? new ProcessedPage(null, decision, RenderPaths.Headless, escalation, extractionError, info)
            : new ProcessedPage(document, decision, RenderPaths.Headless, escalation, Error: null, info);
    }

    /// <summary>The browser's share of the URL's time: its own timeout when set, and always leaving the extraction a moment.</summary>
    private TimeSpan RenderBudget(RenderSettings settings, DateTimeOffset deadline)
    {
        var left = deadline - time.GetUtcNow();
        var reserve = TimeSpan.FromMilliseconds(Math.Min(1000, left.TotalMilliseconds / 4));
        var budget = left - reserve;
        return settings.TimeoutMs is { } own && TimeSpan.FromMilliseconds(own) < budget ? TimeSpan.FromMilliseconds(own) : budget;
    }

    /// <summary>The document for <paramref name="page"/> (as it is for <c>extraction: none</c>), or the error that took its place.</summary>
    private async Task<(DocumentJson? Document, CrawlError? Error)> ExtractAsync(Uri url, PageBody page, PageOutput output, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (output.Extraction == ExtractionModes.None)
        {
            return (RawDocument(url, page.Text), null);
        }

        DocumentJson document;
        try
        {
            using (await capacity.ExtractionAsync(cancellationToken))
            {
                var request = new ExtractRequest(null, Extraction: output.Extraction, IncludeMarkdown: output.IncludeMarkdown, CssSchema: output.CssSchema,
                    IncludeSelectors: output.Filter?.Include, ExcludeSelectors: output.Filter?.Exclude);
                document = await extractor.ExtractAsync(url, page, deadline - time.GetUtcNow(), cancellationToken, request);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or ExtractionFailedException or JsonException or ExecutionRejectedException)
        {
            ApiLog.ExtractionFailed(logger, url, ex);
            return (null, ExtractionError(ex));
        }

        return (output.IncludeHtml ? document.WithHtml(page.Text) : document, null);
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
