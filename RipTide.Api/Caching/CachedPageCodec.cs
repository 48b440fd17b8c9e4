using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Caching;

namespace RipTide.Api.Caching;

/// <summary>
/// Cache values: one line of header JSON (with the document's length), a newline, then the document's JSON
/// exactly as answers carry it (JSON written without indentation never contains a raw newline, so the first
/// one is the boundary).
/// Keeping the document apart lets a hit be answered without parsing and re-encoding it, which was most of
/// a cached request's cost. Above a threshold the value is gzip-compressed; the two forms tell themselves
/// apart by the gzip magic bytes (a header always starts with <c>{</c>), so the threshold can change at any time.
/// </summary>
public static class CachedPageCodec
{
    /// <summary>The most a value may expand to: a page's HTML, text and markdown together, with room to spare.</summary>
    public const int MaxDecodedBytes = 64 * 1024 * 1024;

    /// <summary>A value for the document JSON <see cref="RipTide.Documents.DocumentJson"/> holds, as answers carry it.</summary>
    public static byte[] Encode(CachedPageHeader header, ReadOnlySpan<byte> documentJson, int compressAboveBytes)
    {
        var headerJson = JsonSerializer.SerializeToUtf8Bytes(header with { DocumentBytes = documentJson.Length }, RipTideJsonContext.Default.CachedPageHeader);
        var length = headerJson.Length + 1 + documentJson.Length;
        if (length <= compressAboveBytes)
        {
            return [.. headerJson, (byte)'\n', .. documentJson];
        }

        return GzipValue.Compress([.. headerJson, (byte)'\n'], documentJson);
    }

    /// <exception cref="JsonException">The value is not a page we can read.</exception>
    public static CachedPage Decode(byte[] value)
    {
        var plain = GzipValue.Expand(value, MaxDecodedBytes);
        var boundary = plain.Span.IndexOf((byte)'\n');
        if (boundary <= 0)
        {
            throw new JsonException("The cached value has no header line.");
        }

        var header = JsonSerializer.Deserialize(plain.Span[..boundary], RipTideJsonContext.Default.CachedPageHeader)
            ?? throw new JsonException("The cached header is null.");
        var document = plain[(boundary + 1)..];

        // The document is ours, written by Encode; its recorded length and outer braces catch a value cut
        // short, run on or written by something else, without paying for a full parse on every hit.
        if (document.Length != header.DocumentBytes || document.Length < 2 || document.Span[0] != (byte)'{' || document.Span[^1] != (byte)'}')
        {
            throw new JsonException("The cached document is not the JSON object its header describes.");
        }

        return new CachedPage(header, document);
    }
}
