using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;

namespace RipTide.Documents;

/// <summary>
/// A document as the JSON bytes answers carry, checked once where it enters a service and then passed on
/// unparsed: the Extractor puts in what only the host measures, the Api adds the page's HTML when asked,
/// the cache stores the bytes and answers write them verbatim. Turning a ~15 KB document into objects and
/// back again cost the Extractor and the Api more than anything else they do per page besides extraction.
/// </summary>
public sealed class DocumentJson
{
    private static readonly JsonTypeInfo<Document> DocumentInfo = (JsonTypeInfo<Document>)JsonDefaults.Options.GetTypeInfo(typeof(Document));
    private static readonly JsonTypeInfo<string?> StringInfo = (JsonTypeInfo<string?>)JsonDefaults.Options.GetTypeInfo(typeof(string));
    private static readonly JsonTypeInfo<JsonElement> ElementInfo = (JsonTypeInfo<JsonElement>)JsonDefaults.Options.GetTypeInfo(typeof(JsonElement));

    private readonly byte[] _utf8;
    private readonly DocumentLayout _layout;

    private DocumentJson(byte[] utf8, DocumentLayout layout)
    {
        _utf8 = utf8;
        _layout = layout;
    }

    public ReadOnlyMemory<byte> Utf8 => _utf8;

    public double QualityScore => _layout.QualityScore;

    public int WordCount => _layout.WordCount;

    public ExtractionInfo Extraction => _layout.Extraction;

    /// <summary>Takes <paramref name="utf8"/> (not copied) after checking that it is one document object.</summary>
    /// <exception cref="JsonException">It is not: malformed, another shape, or cut short.</exception>
    public static DocumentJson Parse(byte[] utf8) => new(utf8, DocumentLayout.Read(utf8));

    public static DocumentJson From(Document document) => Parse(JsonSerializer.SerializeToUtf8Bytes(document, DocumentInfo));

    /// <summary>The document as objects: for tests, tools and the rare caller that must look inside.</summary>
    public Document ToDocument() => JsonSerializer.Deserialize(_utf8, DocumentInfo)!;

    public DocumentJson WithHtml(string? html) =>
        With("html", _layout.Html, JsonSerializer.SerializeToUtf8Bytes(html, StringInfo), _layout);

    public DocumentJson WithStructured(JsonElement? structured) =>
        With("structured", _layout.Structured, structured is { } value ? JsonSerializer.SerializeToUtf8Bytes(value, ElementInfo) : "null"u8, _layout);

    public DocumentJson WithExtraction(ExtractionInfo extraction) =>
        With("extraction", _layout.ExtractionValue, JsonSerializer.SerializeToUtf8Bytes(extraction, DocumentLayout.ExtractionInfoType), _layout with { Extraction = extraction });

    /// <summary>
    /// The same document with one top-level value replaced by <paramref name="raw"/> (our own serialisation,
    /// so the checked layout only shifts: no second pass over the page's text), or added when it was absent.
    /// </summary>
    private DocumentJson With(string name, Range value, ReadOnlySpan<byte> raw, DocumentLayout layout)
    {
        var json = _utf8.AsSpan();
        if (value.Equals(default(Range)))
        {
            // Before the closing brace: ,"name":raw} — rare (documents we write have every property), so read afresh.
            var property = System.Text.Encoding.UTF8.GetBytes($",\"{name}\":");
            return Parse([.. json[..^1], .. property, .. raw, (byte)'}']);
        }

        var (start, length) = value.GetOffsetAndLength(json.Length);
        var replaced = new Range(start, start + raw.Length);
        var delta = raw.Length - length;
        Range Shift(Range range) =>
            range.Equals(value) ? replaced
            : !range.Equals(default(Range)) && range.Start.Value > start ? new Range(range.Start.Value + delta, range.End.Value + delta)
            : range;

        byte[] result = [.. json[..start], .. raw, .. json[(start + length)..]];
        return new DocumentJson(result, layout with { Html = Shift(layout.Html), Structured = Shift(layout.Structured), ExtractionValue = Shift(layout.ExtractionValue) });
    }
}
