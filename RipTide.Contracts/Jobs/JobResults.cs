using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;

namespace RipTide.Contracts.Jobs;

/// <summary>
/// A job's result as served (GET /jobs/{id}/results, the job's stream): the /crawl result's fields, then where the
/// crawl found the page. The Api writes it from stored bytes; this record is its description (the OpenAPI
/// document, clients), kept equal to what the Api writes by a test.
/// </summary>
public sealed record JobResult(
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
    string? RenderPath,
    string? GateEscalation,
    RenderInfo? Render,
    int Depth,
    string? DiscoveredFrom);

/// <summary>GET /jobs/{id}/results: results after the cursor; <see cref="NextCursor"/> is null once the job has ended and nothing more can come.</summary>
public sealed record JobResultsPage(string Status, IReadOnlyList<JobResult> Results, string? NextCursor);

/// <summary>A result line of GET /jobs/{id}/stream (SSE: event <c>result</c>, id the cursor).</summary>
public sealed record JobStreamResult(string Type, string Cursor, JobResult Result);

/// <summary>The last line of GET /jobs/{id}/stream, once the job has ended.</summary>
public sealed record JobStreamEnd(string Type, string Status, string? Reason);
