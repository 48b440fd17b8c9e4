using System.Text;
using RipTide.Api.Fetching;

namespace RipTide.Tests.Unit;

public sealed class CharsetDecoderTests
{
    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Bytes(string text, string encoding) => Encoding.GetEncoding(encoding).GetBytes(text);

    /// <summary>Decodes as the fetcher does: the body in a pooled buffer, handed over to the decoder.</summary>
    private static string Decode(byte[] body, string? headerCharset)
    {
        using var page = TryDecode(body, headerCharset);
        Assert.NotNull(page);
        Assert.Equal(page.Text, Encoding.UTF8.GetString(page.Utf8.Span));
        return page.Text;
    }

    private static PageBody? TryDecode(byte[] body, string? headerCharset)
    {
        var buffer = RipTide.ServiceDefaults.Memory.PageBuffers.Rent(body.Length);
        body.CopyTo(buffer, 0);
        return CharsetDecoder.ToUtf8(buffer, body.Length, headerCharset);
    }

    [Fact]
    public void The_header_label_wins_and_latin1_means_windows_1252()
    {
        var body = Bytes("<p>5 € café</p>", "windows-1252");

        Assert.Equal("<p>5 € café</p>", Decode(body, "ISO-8859-1"));
    }

    [Fact]
    public void A_meta_charset_declares_the_encoding_when_the_header_does_not()
    {
        var body = Bytes("<html><head><meta charset=\"Shift_JIS\"></head><body><p>日本語のテキスト</p></body></html>", "shift_jis");

        Assert.Contains("日本語のテキスト", Decode(body, headerCharset: null), StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_equiv_meta_is_read_too()
    {
        var body = Bytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>naïve</p>", "windows-1252");

        Assert.Contains("naïve", Decode(body, headerCharset: null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_beats_every_declaration()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<meta charset=windows-1252><p>über</p>")];

        Assert.Contains("über", Decode(body, "windows-1252"), StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_pages_are_utf8_when_valid_and_windows_1252_otherwise()
    {
        Assert.Equal("<p>crème</p>", Decode(Encoding.UTF8.GetBytes("<p>crème</p>"), null));
        Assert.Equal("<p>crème</p>", Decode(Bytes("<p>crème</p>", "windows-1252"), null));
    }

    [Fact]
    public void An_unknown_label_is_ignored_rather_than_fatal()
    {
        Assert.Equal("<p>plain</p>", Decode(Encoding.UTF8.GetBytes("<p>plain</p>"), "x-no-such-charset"));
    }

    /// <summary>
    /// utf-7 (a known way to smuggle markup past filters: <c>+ADw-script+AD4-</c>), utf-32 and EBCDIC are
    /// not ASCII-compatible: a browser ignores such labels, and so do we, header or meta, any spelling.
    /// </summary>
    [Theory]
    [InlineData("utf-7", null)]
    [InlineData("UTF-7", null)]
    [InlineData("\"utf-7\"", null)]
    [InlineData("x-unicode-2-0-utf-7", null)]
    [InlineData("unicode-1-1-utf-7", null)]
    [InlineData("utf-32", null)]
    [InlineData("utf-32be", null)]
    [InlineData("ibm037", null)]
    [InlineData("cp500", null)]
    [InlineData(null, "utf-7")]
    [InlineData(null, "UTF-7")]
    [InlineData(null, "utf-32")]
    [InlineData(null, "ibm037")]
    public void Labels_of_encodings_that_are_not_ascii_compatible_are_ignored(string? header, string? meta)
    {
        var html = $"<html><head>{(meta is null ? "" : $"<meta charset={meta}>")}</head><body><p>+ADw-script+AD4-alert(1) café</p></body></html>";

        var text = Decode(Encoding.UTF8.GetBytes(html), header);

        Assert.Contains("+ADw-script+AD4-alert(1) café", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
    }

    /// <summary>The WHATWG replacement encodings decode to a single U+FFFD in a browser: the page is refused instead.</summary>
    [Theory]
    [InlineData("iso-2022-kr", null)]
    [InlineData("ISO-2022-CN", null)]
    [InlineData("hz-gb-2312", null)]
    [InlineData("csiso2022kr", null)]
    [InlineData(" 'replacement' ", null)]
    [InlineData(null, "iso-2022-cn-ext")]
    [InlineData("x-no-such-charset", "iso-2022-kr")]
    public void The_replacement_encodings_cannot_be_decoded(string? header, string? meta)
    {
        var html = $"<html><head>{(meta is null ? "" : $"<meta charset=\"{meta}\">")}</head><body><p>text</p></body></html>";

        Assert.Null(TryDecode(Encoding.UTF8.GetBytes(html), header));
    }

    [Fact]
    public void A_known_header_label_beats_a_replacement_meta_label()
    {
        var html = "<meta charset=iso-2022-kr><p>crème</p>";

        Assert.Contains("crème", Decode(Encoding.UTF8.GetBytes(html), "utf-8"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_page_with_its_byte_order_mark_becomes_utf8()
    {
        byte[] body = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<p>marée</p>")];

        Assert.Equal("<p>marée</p>", Decode(body, headerCharset: "utf-8"));
    }

    [Fact]
    public void A_disposed_page_no_longer_hands_out_its_bytes()
    {
        var page = PageBody.FromText("<p>tide</p>");
        page.Dispose();
        page.Dispose();

        Assert.Throws<ObjectDisposedException>(() => page.Utf8);
    }
}
