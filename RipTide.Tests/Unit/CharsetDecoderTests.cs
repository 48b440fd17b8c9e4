using System.Buffers;
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
        var buffer = ArrayPool<byte>.Shared.Rent(body.Length);
        body.CopyTo(buffer, 0);
        using var page = CharsetDecoder.ToUtf8(buffer, body.Length, headerCharset);
        Assert.Equal(page.Text, Encoding.UTF8.GetString(page.Utf8.Span));
        return page.Text;
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
