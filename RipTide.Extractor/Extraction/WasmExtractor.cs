using System.Text;
using System.Text.Json;
using RipTide.Contracts.Extraction;
using RipTide.Extractor.Sandbox;

namespace RipTide.Extractor.Extraction;

/// <summary>Extracts with the WebAssembly module: UTF-8 HTML in, the guest's JSON out, mapped to a Document.</summary>
public static class WasmExtractor
{
    public const string EngineName = "wasm";

    public static async Task<Document> ExtractAsync(WasmPool pool, string html, Uri url, ExtractionMode mode, bool markdown, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        var result = await pool.ExtractAsync(bytes, url.AbsoluteUri, OptionBits(mode, markdown), cancellationToken);
        var guest = JsonSerializer.Deserialize(result.Json, GuestJsonContext.Default.GuestDocument)
            ?? throw new ExtractionFailedException(ExtractionFailureKind.Trap, "The extraction module returned no document.");
        return new Document(
            guest.Url, guest.CanonicalUrl, guest.Title, guest.Byline, guest.PublishedIso, guest.SiteName, guest.Description,
            guest.Language, guest.Text, guest.Markdown, Html: null, guest.Links, guest.Media, guest.WordCount,
            guest.ReadingTimeMinutes, guest.QualityScore, guest.Categories, Structured: null,
            new ExtractionInfo(EngineName, Math.Round(result.Elapsed.TotalMilliseconds, 3), result.MemoryBytes, guest.NodesProcessed));
    }

    /// <summary>The guest's option bits: 0–1 mode, 2 "no markdown".</summary>
    public static int OptionBits(ExtractionMode mode, bool markdown) =>
        (mode switch { ExtractionMode.Full => 1, ExtractionMode.Metadata => 2, _ => 0 }) | (markdown ? 0 : 0b100);
}
