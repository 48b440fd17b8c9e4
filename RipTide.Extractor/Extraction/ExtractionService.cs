using System.Diagnostics;
using System.Text;
using RipTide.Documents;
using RipTide.Sandbox;

namespace RipTide.Extractor.Extraction;

/// <summary>
/// Extracts with the WebAssembly engine; when the module cannot run at all, with AngleSharp, reported as
/// engine "fallback". Failures of one extraction (timeout, memory, trap) are errors, not fallbacks: the
/// fallback parser cannot be interrupted, so hostile input must not reach it.
/// </summary>
public sealed class ExtractionService(WasmSandbox sandbox, AngleSharpExtractor angleSharp, CssSchemaExtractor css, ExtractorMetrics metrics)
{
    public const string FallbackEngine = "fallback";

    public Task<DocumentJson> ExtractAsync(
        string html, Uri url, ExtractionMode mode, bool markdown, CancellationToken cancellationToken, CssSchema? schema = null, TimeSpan? budget = null,
        HtmlFilter? filter = null) =>
        MeasuredAsync(async pool =>
        {
            if (filter is not null)
            {
                html = await filter.ApplyAsync(html, url, cancellationToken);
            }

            var document = pool is null
                ? await FallbackAsync(html, url, cancellationToken)
                : await WasmExtractor.ExtractAsync(pool, html, url, mode, markdown, cancellationToken, budget);
            return schema is null
                ? document
                : document.WithStructured(await css.ExtractAsync(html, url, schema, cancellationToken));
        });

    /// <summary>
    /// Extracts HTML that arrived as UTF-8 bytes (the Api's path): no string is built unless the fallback
    /// engine has to run.
    /// </summary>
    public Task<DocumentJson> ExtractUtf8Async(
        ReadOnlyMemory<byte> html, Uri url, ExtractionMode mode, bool markdown, CancellationToken cancellationToken, TimeSpan? budget = null) =>
        MeasuredAsync(async pool => pool is null
            ? await FallbackAsync(Encoding.UTF8.GetString(html.Span), url, cancellationToken)
            : await WasmExtractor.ExtractUtf8Async(pool, html, url, mode, markdown, cancellationToken, budget));

    private async Task<DocumentJson> MeasuredAsync(Func<WasmPool?, Task<DocumentJson>> extract)
    {
        var started = Stopwatch.GetTimestamp();
        var pool = sandbox.Pool;
        var engine = pool is null ? FallbackEngine : WasmExtractor.EngineName;
        var outcome = "error";
        try
        {
            var document = await extract(pool);
            outcome = ExtractorMetrics.OutcomeOk;
            return document;
        }
        finally
        {
            metrics.Record(engine, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<DocumentJson> FallbackAsync(string html, Uri url, CancellationToken cancellationToken)
    {
        var document = await angleSharp.ExtractAsync(html, url, cancellationToken);
        return DocumentJson.From(document with { Extraction = document.Extraction with { Engine = FallbackEngine } });
    }
}
