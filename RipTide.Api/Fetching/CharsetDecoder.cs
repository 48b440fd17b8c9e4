using System.Buffers;
using System.Text;

namespace RipTide.Api.Fetching;

/// <summary>
/// Decodes a page the way a browser would, in order: a byte-order mark; the Content-Type charset; a
/// <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declaration in the first 1024 bytes; then, undeclared,
/// UTF-8 when the bytes are valid UTF-8, else windows-1252. Labels follow the WHATWG Encoding Standard,
/// where "iso-8859-1", "latin1" and "us-ascii" all mean windows-1252.
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

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The page as UTF-8, taking ownership of <paramref name="buffer"/> (rented from the shared pool):
    /// UTF-8 pages, by far the most common, keep their bytes; others are decoded and re-encoded once.
    /// </summary>
    public static PageBody ToUtf8(byte[] buffer, int length, string? headerCharset)
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
                encoding = ForLabel(headerCharset) ?? ForLabel(MetaCharset(body)) ?? Undeclared(body);
                break;
        }

        if (encoding is UTF8Encoding)
        {
            return PageBody.FromPooled(buffer, 0, length);
        }

        var text = encoding.GetString(body[start..]);
        ArrayPool<byte>.Shared.Return(buffer);
        return PageBody.FromText(text);
    }

    /// <summary>The encoding a WHATWG label names, or null for an empty or unknown label.</summary>
    public static Encoding? ForLabel(string? label)
    {
        var trimmed = label?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var name = WhatwgAliases.GetValueOrDefault(trimmed, trimmed);
        try
        {
            return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) ? new UTF8Encoding(false) : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
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
