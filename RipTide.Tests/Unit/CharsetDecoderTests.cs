using System.Text;
using RipTide.Api.Fetching;

namespace RipTide.Tests.Unit;

public sealed class CharsetDecoderTests
{
    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Bytes(string text, string encoding) => Encoding.GetEncoding(encoding).GetBytes(text);

    [Fact]
    public void The_header_label_wins_and_latin1_means_windows_1252()
    {
        var body = Bytes("<p>5 € café</p>", "windows-1252");

        Assert.Equal("<p>5 € café</p>", CharsetDecoder.Decode(body, "ISO-8859-1"));
    }

    [Fact]
    public void A_meta_charset_declares_the_encoding_when_the_header_does_not()
    {
        var body = Bytes("<html><head><meta charset=\"Shift_JIS\"></head><body><p>日本語のテキスト</p></body></html>", "shift_jis");

        Assert.Contains("日本語のテキスト", CharsetDecoder.Decode(body, headerCharset: null), StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_equiv_meta_is_read_too()
    {
        var body = Bytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>naïve</p>", "windows-1252");

        Assert.Contains("naïve", CharsetDecoder.Decode(body, headerCharset: null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_beats_every_declaration()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<meta charset=windows-1252><p>über</p>")];

        Assert.Contains("über", CharsetDecoder.Decode(body, "windows-1252"), StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_pages_are_utf8_when_valid_and_windows_1252_otherwise()
    {
        Assert.Equal("<p>crème</p>", CharsetDecoder.Decode(Encoding.UTF8.GetBytes("<p>crème</p>"), null));
        Assert.Equal("<p>crème</p>", CharsetDecoder.Decode(Bytes("<p>crème</p>", "windows-1252"), null));
    }

    [Fact]
    public void An_unknown_label_is_ignored_rather_than_fatal()
    {
        Assert.Equal("<p>plain</p>", CharsetDecoder.Decode(Encoding.UTF8.GetBytes("<p>plain</p>"), "x-no-such-charset"));
    }
}
