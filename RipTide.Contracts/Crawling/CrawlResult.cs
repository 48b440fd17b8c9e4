using System.Text.Json.Serialization;
using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Crawling;

/// <summary>
/// The outcome for one requested URL: a document, or an error object, never both. <see cref="RenderPath"/>
/// and <see cref="GateEscalation"/> extend the contract: the path actually taken, and why the gate would
/// have escalated to a renderer, when it would have.
/// </summary>
public sealed record CrawlResult(
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
    string? GateEscalation = null)
{
    /// <summary>
    /// Server side only: the document as UTF-8 JSON when it came from the cache (then <see cref="Document"/>
    /// is null). The Api writes it in the <c>document</c> field verbatim; clients always read <see cref="Document"/>.
    /// </summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> DocumentJson { get; init; }
}
