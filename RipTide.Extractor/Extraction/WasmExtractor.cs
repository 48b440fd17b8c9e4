using System.Text;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;
using RipTide.Extractor.Sandbox;

namespace RipTide.Extractor.Extraction;

/// <summary>Extracts with the WebAssembly module: UTF-8 HTML in, the contract's Document JSON out.</summary>
public static class WasmExtractor
{
    public const string EngineName = "wasm";

    public static async Task<Document> ExtractAsync(WasmPool pool, string html, Uri url, ExtractionMode mode, bool markdown, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        var result = await pool.ExtractAsync(bytes, url.AbsoluteUri, OptionBits(mode, markdown), cancellationToken);
        // The guest writes the contract's Document; only the host can measure time and memory.
        var document = JsonSerializer.Deserialize(result.Json, RipTideJsonContext.Default.Document)
            ?? throw new ExtractionFailedException(ExtractionFailureKind.Trap, "The extraction module returned no document.");
        return document with
        {
            Extraction = document.Extraction with
            {
                ProcessingTimeMs = Math.Round(result.Elapsed.TotalMilliseconds, 3),
                MemoryUsedBytes = result.MemoryBytes,
            },
        };
    }

    /// <summary>The guest's option bits: 0–1 mode, 2 "no markdown".</summary>
    public static int OptionBits(ExtractionMode mode, bool markdown) =>
        (mode switch { ExtractionMode.Full => 1, ExtractionMode.Metadata => 2, _ => 0 }) | (markdown ? 0 : 0b100);
}
