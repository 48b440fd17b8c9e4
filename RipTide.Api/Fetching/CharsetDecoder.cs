using System.Text;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Api.Fetching;

/// <summary>
/// Decodes a page the way a browser would, in order: a byte-order mark; the Content-Type charset; a
/// <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declaration in the first 1024 bytes; then, undeclared,
/// UTF-8 when the bytes are valid UTF-8, else windows-1252. Labels follow the WHATWG Encoding Standard,
/// where "iso-8859-1", "latin1" and "us-ascii" all mean windows-1252. A label a browser does not know, or
/// one naming an encoding that is not ASCII-compatible (utf-7, utf-32, EBCDIC: a page found by an ASCII
/// prescan cannot be in one, and utf-7 is a known way to smuggle markup), is ignored as a browser ignores
/// it. The WHATWG "replacement" encodings (iso-2022-kr, hz-gb-2312, …), which a browser shows as one
/// replacement character, cannot be decoded: the page is refused instead.
/// </summary>
public static class CharsetDecoder
{
    private const int MetaPrescanBytes = 1024;

    private static readonly Dictionary<string, string> WhatwgAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["iso-8859-1"] = "windows-1252", ["iso8859-1"] = "windows-1252", ["latin1"] = "windows-1252", ["l1"] = "windows-1252",
        ["us-ascii"] = "windows-1252", ["ascii"] = "windows-1252", ["cp1252"] = "windows-1252", ["x-cp1252"] = "windows-1252",
        ["iso_8859-1"] = "windows-1252", ["cp819"] = "windows-1252", ["ibm819"] = "windows-1252",
        ["utf8"] = "utf-8", ["unicode-1-1-utf-8"] = "utf-8", ["x-unicode20utf8"] = "utf-8",
        ["x-sjis"] = "shift_jis", ["sjis"] = "shift_jis", ["ms_kanji"] = "shift_jis", ["csshiftjis"] = "shift_jis",
        ["windows-31j"] = "shift_jis", ["ms932"] = "shift_jis",
        ["gb2312"] = "gbk", ["chinese"] = "gbk", ["csgb2312"] = "gbk", ["x-gbk"] = "gbk", ["gb_2312-80"] = "gbk",
        ["ks_c_5601-1987"] = "euc-kr", ["korean"] = "euc-kr", ["windows-949"] = "euc-kr",
        ["x-euc-jp"] = "euc-jp", ["cseucpkdfmtjapanese"] = "euc-jp",
        ["iso-8859-9"] = "windows-1254", ["latin5"] = "windows-1254", ["iso-8859-11"] = "windows-874", ["tis-620"] = "windows-874",
        // A page cannot really be UTF-16 if it was found by an ASCII-compatible prescan.
        ["utf-16"] = "utf-8", ["utf-16le"] = "utf-8", ["utf-16be"] = "utf-8",
    };

    private static readonly HashSet<string> ReplacementLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement",
    };

    /// <summary>Whether each encoding .NET offers for a label encodes ASCII as ASCII; asked once per encoding.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> AsciiCompatible = new();

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The page as UTF-8, taking ownership of <paramref name="buffer"/> (rented from <see cref="PageBuffers"/>):
    /// UTF-8 pages, by far the most common, keep their bytes; others are decoded and re-encoded once.
    /// Null (the buffer returned to the pool) when the page declares an encoding that cannot be decoded.
    /// </summary>
    public static PageBody? ToUtf8(byte[] buffer, int length, string? headerCharset)
    {
        var body = buffer.AsSpan(0, length);
        Encoding? encoding;
        var start = 0;
        switch (FromByteOrderMark(body))
        {
            case UTF8Encoding:
                return PageBody.FromPooled(buffer, 3, length - 3);
            case { } utf16:
                encoding = utf16;
                start = 2;
                break;
            default:
                // The first label a browser knows decides, as in the WHATWG's order: header, then meta.
                var (declared, undecodable) = Declared(headerCharset);
                if (declared is null && !undecodable)
                {
                    (declared, undecodable) = Declared(MetaCharset(body));
                }

                if (undecodable)
                {
                    PageBuffers.Return(buffer);
                    return null;
                }

                encoding = declared ?? Undeclared(body);
                break;
        }

        if (encoding is UTF8Encoding)
        {
            return PageBody.FromPooled(buffer, 0, length);
        }

        var text = encoding.GetString(body[start..]);
        PageBuffers.Return(buffer);
        return PageBody.FromText(text);
    }

    /// <summary>
    /// The encoding a label names, or null for an empty or unknown label, a replacement encoding, or an
    /// encoding that is not ASCII-compatible.
    /// </summary>
    public static Encoding? ForLabel(string? label)
    {
        var trimmed = Trimmed(label);
        if (string.IsNullOrEmpty(trimmed) || ReplacementLabels.Contains(trimmed))
        {
            return null;
        }

        var name = WhatwgAliases.GetValueOrDefault(trimmed, trimmed);
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return new UTF8Encoding(false);
        }

        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(name);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }

        return AsciiCompatible.GetOrAdd(encoding.CodePage, _ => EncodesAsciiAsAscii(encoding)) ? encoding : null;
    }

    /// <summary>Whether the label names one of the WHATWG encodings that decode to nothing but U+FFFD.</summary>
    public static bool IsUndecodable(string? label) => Trimmed(label) is { Length: > 0 } trimmed && ReplacementLabels.Contains(trimmed);

    /// <summary>What a label declares, resolved once: an encoding, an undecodable one, or nothing a browser knows.</summary>
    private static (Encoding? Encoding, bool Undecodable) Declared(string? label) => (ForLabel(label), IsUndecodable(label));

    private static string? Trimmed(string? label) => label?.Trim().Trim('"', '\'').Trim();

    private static bool EncodesAsciiAsAscii(Encoding encoding)
    {
        const string probe = "<meta charset=\"x\"> a-z+/0_9";
        try
        {
            return encoding.GetBytes(probe).AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(probe));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or EncoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Encoding.UTF8,
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    /// <summary>The charset a <c>&lt;meta&gt;</c> near the top declares (an ASCII-level scan, as browsers do).</summary>
    private static string? MetaCharset(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, MetaPrescanBytes)]).ToLowerInvariant();
        var at = 0;
        while ((at = head.IndexOf("<meta", at, StringComparison.Ordinal)) >= 0)
        {
            var end = head.IndexOf('>', at);
            if (end < 0)
            {
                return null;
            }

            var tag = head[at..end];
            var charset = tag.IndexOf("charset=", StringComparison.Ordinal);
            if (charset >= 0)
            {
                var value = tag[(charset + "charset=".Length)..].TrimStart('"', '\'', ' ');
                var length = value.TakeWhile(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ':' or '.').Count();
                if (length > 0)
                {
                    return value[..length];
                }
            }

            at = end;
        }

        return null;
    }

    private static Encoding Undeclared(ReadOnlySpan<byte> body) =>
        System.Text.Unicode.Utf8.IsValid(body) ? new UTF8Encoding(false) : Encoding.GetEncoding("windows-1252");
}
