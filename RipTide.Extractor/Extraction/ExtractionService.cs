using System.Diagnostics;
using RipTide.Contracts.Extraction;
using RipTide.Extractor.Telemetry;

namespace RipTide.Extractor.Extraction;

/// <summary>Runs an extraction and records it; the seam where the WebAssembly pool will plug in.</summary>
public sealed class ExtractionService(AngleSharpExtractor angleSharp, ExtractorMetrics metrics)
{
    public async Task<Document> ExtractAsync(string html, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var document = await angleSharp.ExtractAsync(html, url, cancellationToken);
            outcome = "ok";
            return document;
        }
        finally
        {
            metrics.Record(AngleSharpExtractor.EngineName, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
