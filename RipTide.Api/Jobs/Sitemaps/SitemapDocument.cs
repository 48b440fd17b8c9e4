using System.IO.Compression;
using System.Xml;

namespace RipTide.Api.Jobs.Sitemaps;

/// <summary>
/// A sitemap file (sitemaps.org 0.9): a <c>urlset</c> of page URLs, or a <c>sitemapindex</c> of further sitemaps;
/// gzip-compressed or not (told by its first bytes, whatever its name or content type says). The XML is read
/// with DTDs prohibited and no resolver (no entity expansion, no external fetches), decompression is capped,
/// and only the <c>loc</c> of each entry is kept.
/// </summary>
public sealed record SitemapDocument(IReadOnlyList<string> Pages, IReadOnlyList<string> Sitemaps, string? Error)
{
    public static SitemapDocument Parse(ReadOnlySpan<byte> body, long maxBytes, int maxEntries)
    {
        byte[] xml;
        try
        {
            xml = IsGzip(body) ? Gunzip(body, maxBytes) : body.ToArray();
        }
        catch (InvalidDataException)
        {
            return new SitemapDocument([], [], "The sitemap is not valid gzip.");
        }
        catch (SitemapTooLargeException)
        {
            return new SitemapDocument([], [], $"The sitemap is larger than {maxBytes} bytes once decompressed.");
        }

        var pages = new List<string>();
        var sitemaps = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            string? container = null;
            var positioned = false;
            while ((positioned || reader.Read()) && pages.Count + sitemaps.Count < maxEntries)
            {
                positioned = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "url" or "sitemap":
                        container = reader.LocalName;
                        break;
                    case "loc" when container is not null:
                        // Reading the content moves past the end tag: the loop must not read again.
                        var loc = reader.ReadElementContentAsString().Trim();
                        positioned = true;
                        if (loc.Length > 0)
                        {
                            (container == "sitemap" ? sitemaps : pages).Add(loc);
                        }

                        container = null;
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            // What was read before the fault is kept: a truncated sitemap still names its first pages.
            return new SitemapDocument(pages, sitemaps, $"The sitemap is not well-formed XML: {ex.Message}");
        }

        return new SitemapDocument(pages, sitemaps, null);
    }

    private static bool IsGzip(ReadOnlySpan<byte> body) => body.Length >= 2 && body[0] == 0x1f && body[1] == 0x8b;

    private static byte[] Gunzip(ReadOnlySpan<byte> body, long maxBytes)
    {
        using var gzip = new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw new SitemapTooLargeException();
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    private sealed class SitemapTooLargeException : Exception;
}
