using System.Text;
using RipTide.Documents;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Sandbox;

/// <summary>Extracts with the WebAssembly module: UTF-8 HTML in, the contract's document JSON out.</summary>
public static class WasmExtractor
{
    public const string EngineName = "wasm";

    public static async Task<DocumentJson> ExtractAsync(
        WasmPool pool, string html, Uri url, ExtractionMode mode, bool markdown, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        // Pages are often above the large-object threshold: a pooled buffer keeps them out of the LOH.
        var buffer = PageBuffers.Rent(Encoding.UTF8.GetByteCount(html));
        try
        {
            var length = Encoding.UTF8.GetBytes(html, buffer);
            return await ExtractUtf8Async(pool, buffer.AsMemory(0, length), url, mode, markdown, cancellationToken, budget);
        }
        finally
        {
            PageBuffers.Return(buffer);
        }
    }

    /// <summary>
    /// Extracts HTML given as UTF-8 bytes (invalid sequences are replaced inside the guest). The guest's JSON
    /// is checked and kept as it is, apart from the time and memory that only the host can measure.
    /// </summary>
    /// <exception cref="ExtractionFailedException">The guest failed, or wrote something that is not a document.</exception>
    public static async Task<DocumentJson> ExtractUtf8Async(
        WasmPool pool, ReadOnlyMemory<byte> html, Uri url, ExtractionMode mode, bool markdown, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        var result = await pool.ExtractAsync(html, url.AbsoluteUri, OptionBits(mode, markdown), cancellationToken, budget);
        DocumentJson document;
        try
        {
            document = DocumentJson.Parse(result.Json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ExtractionFailedException(ExtractionFailureKind.Trap, "The extraction module returned no valid document.", ex);
        }

        return document.WithExtraction(document.Extraction with
        {
            Engine = EngineName,
            ProcessingTimeMs = Math.Round(result.Elapsed.TotalMilliseconds, 3),
            MemoryUsedBytes = result.MemoryBytes,
        });
    }

    /// <summary>The guest's option bits: 0–1 mode, 2 "no markdown".</summary>
    public static int OptionBits(ExtractionMode mode, bool markdown) =>
        (mode switch { ExtractionMode.Full => 1, ExtractionMode.Metadata => 2, _ => 0 }) | (markdown ? 0 : 0b100);
}
