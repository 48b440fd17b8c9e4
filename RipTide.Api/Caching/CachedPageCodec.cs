using System.IO.Compression;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Caching;

namespace RipTide.Api.Caching;

/// <summary>
/// Cache values: the page as JSON, gzip-compressed above a threshold. The two forms tell themselves apart
/// by the gzip magic bytes (JSON always starts with <c>{</c>), so the threshold can change at any time.
/// </summary>
public static class CachedPageCodec
{
    public static byte[] Encode(CachedPage page, int compressAboveBytes)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(page, RipTideJsonContext.Default.CachedPage);
        if (json.Length <= compressAboveBytes)
        {
            return json;
        }

        using var output = new MemoryStream(json.Length / 4);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    /// <exception cref="JsonException">The value is not a page we can read.</exception>
    public static CachedPage? Decode(byte[] value)
    {
        if (value.Length >= 2 && value[0] == 0x1f && value[1] == 0x8b)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(value), CompressionMode.Decompress);
                return JsonSerializer.Deserialize(gzip, RipTideJsonContext.Default.CachedPage);
            }
            catch (InvalidDataException ex)
            {
                throw new JsonException("The cached value is not valid gzip.", ex);
            }
        }

        return JsonSerializer.Deserialize(value, RipTideJsonContext.Default.CachedPage);
    }
}
