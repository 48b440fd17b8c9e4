using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Crawling;

/// <summary>
/// The outcome for one requested URL: a document, or an error object, never both. <see cref="RenderPath"/>
/// and <see cref="GateEscalation"/> extend the contract: the path actually taken, and why the gate would
/// have escalated to a renderer, when it would have; <see cref="Render"/> the browser's account when the page
/// was rendered. Not sealed: the Api answers with a derived record
/// that carries the document as stored JSON (server side only, never on the wire as a field of its own).
/// </summary>
public record CrawlResult(
    string Url,
    string? FinalUrl,
    int Status,
    bool FromCache,
    string CacheStatus,
    string GateDecision,
    double? QualityScore,
    double ProcessingTimeMs,
    string? ContentType,
    Document? Document,
    CrawlError? Error,
    string? RenderPath = null,
    string? GateEscalation = null,
    RenderInfo? Render = null);
