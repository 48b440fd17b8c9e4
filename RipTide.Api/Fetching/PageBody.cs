using System.Text;
using RipTide.ServiceDefaults.Memory;

namespace RipTide.Api.Fetching;

/// <summary>
/// A fetched page as UTF-8 bytes, usually in a pooled buffer. Pages are 30–300 KB: held as arrays and
/// strings they were several large-object-heap allocations per page, and collecting them was the Api's
/// largest CPU cost after JSON. Most pages arrive as UTF-8 and go to the Extractor as they came; the
/// text is decoded only when a caller asks for it (<c>include_html</c>, <c>extraction: none</c>).
/// The crawl of one URL owns its body and disposes it when the result is built; after that the bytes
/// belong to the pool again.
/// </summary>
public sealed class PageBody : IDisposable
{
    private readonly int _offset;
    private readonly int _length;
    private byte[]? _buffer;
    private string? _text;

    private PageBody(byte[] buffer, int offset, int length, string? text)
    {
        _buffer = buffer;
        _offset = offset;
        _length = length;
        _text = text;
    }

    /// <summary>Takes ownership of <paramref name="buffer"/>, rented from <see cref="PageBuffers"/>.</summary>
    public static PageBody FromPooled(byte[] buffer, int offset, int length, string? text = null) => new(buffer, offset, length, text);

    /// <summary>A body for HTML that is already a string (supplied by a client, or decoded from another charset).</summary>
    public static PageBody FromText(string text)
    {
        var buffer = PageBuffers.Rent(Encoding.UTF8.GetByteCount(text));
        return FromPooled(buffer, 0, Encoding.UTF8.GetBytes(text, buffer), text);
    }

    public ReadOnlyMemory<byte> Utf8 => new(_buffer ?? throw new ObjectDisposedException(nameof(PageBody)), _offset, _length);

    /// <summary>The page as text, decoded on first use.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Utf8.Span);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            PageBuffers.Return(buffer);
        }
    }
}
