using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RipTide.Contracts;
using RipTide.Contracts.Extraction;

namespace RipTide.Documents;

/// <summary>
/// What one pass over a document's JSON learns: the numbers callers decide on, the extraction account, and
/// where the values that get replaced lie. The pass is also the check: the bytes come from a sandboxed
/// module fed hostile pages, so a document must be one well-formed object of the contract's properties,
/// each once and of its type, before anything is stored or sent on.
/// </summary>
internal readonly record struct DocumentLayout(double QualityScore, int WordCount, ExtractionInfo Extraction, Range Html, Range Structured, Range ExtractionValue)
{
    /// <summary>The document itself is depth 1; links and media 3; structured data (css_schema results) deeper.</summary>
    public const int MaxDepth = 64;

    internal static readonly JsonTypeInfo<ExtractionInfo> ExtractionInfoType = (JsonTypeInfo<ExtractionInfo>)JsonDefaults.Options.GetTypeInfo(typeof(ExtractionInfo));

    [Flags]
    private enum Kind
    {
        String = 1,
        Null = 2,
        Number = 4,
        Array = 8,
        Object = 16,
        Any = String | Null | Number | Array | Object,
    }

    /// <summary>The contract's properties (snake_case, as <see cref="Document"/> serialises) and what each may hold.</summary>
    private static readonly (byte[] Name, Kind Kinds)[] Properties =
    [
        ("url"u8.ToArray(), Kind.String),
        ("canonical_url"u8.ToArray(), Kind.String | Kind.Null),
        ("title"u8.ToArray(), Kind.String | Kind.Null),
        ("byline"u8.ToArray(), Kind.String | Kind.Null),
        ("published_iso"u8.ToArray(), Kind.String | Kind.Null),
        ("site_name"u8.ToArray(), Kind.String | Kind.Null),
        ("description"u8.ToArray(), Kind.String | Kind.Null),
        ("language"u8.ToArray(), Kind.String | Kind.Null),
        ("text"u8.ToArray(), Kind.String),
        ("markdown"u8.ToArray(), Kind.String | Kind.Null),
        ("html"u8.ToArray(), Kind.String | Kind.Null),
        ("links"u8.ToArray(), Kind.Array),
        ("media"u8.ToArray(), Kind.Array),
        ("word_count"u8.ToArray(), Kind.Number),
        ("reading_time_minutes"u8.ToArray(), Kind.Number),
        ("quality_score"u8.ToArray(), Kind.Number),
        ("categories"u8.ToArray(), Kind.Array),
        ("structured"u8.ToArray(), Kind.Any),
        ("extraction"u8.ToArray(), Kind.Object),
        ("meta"u8.ToArray(), Kind.Object | Kind.Null),
    ];

    private const int UrlAt = 0, TextAt = 8, HtmlAt = 10, WordCountAt = 13, QualityScoreAt = 15, StructuredAt = 17, ExtractionAt = 18, MetaAt = 19;

    /// <exception cref="JsonException">The bytes are not one document object.</exception>
    public static DocumentLayout Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A document is a JSON object.");
        }

        var seen = 0;
        double quality = 0;
        var words = 0;
        ExtractionInfo? extraction = null;
        Range html = default, structured = default, extractionValue = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(ref reader);
            if ((seen & (1 << index)) != 0)
            {
                throw new JsonException($"The document has property {index} twice.");
            }

            seen |= 1 << index;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if ((KindOf(reader.TokenType) & Properties[index].Kinds) == 0)
            {
                throw new JsonException($"The document's property {index} holds a {reader.TokenType}.");
            }

            switch (index)
            {
                case QualityScoreAt when !reader.TryGetDouble(out quality):
                case WordCountAt when !reader.TryGetInt32(out words) || words < 0:
                    throw new JsonException($"The document's property {index} is not a number in range.");
                case QualityScoreAt or WordCountAt:
                    break;
                case ExtractionAt:
                    extraction = JsonSerializer.Deserialize(ref reader, ExtractionInfoType);
                    break;
                case MetaAt when reader.TokenType == JsonTokenType.StartObject:
                    SkipStringMap(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }

            var value = new Range(start, (int)reader.BytesConsumed);
            switch (index)
            {
                case HtmlAt:
                    html = value;
                    break;
                case StructuredAt:
                    structured = value;
                    break;
                case ExtractionAt:
                    extractionValue = value;
                    break;
            }
        }

        const int required = 1 << UrlAt | 1 << TextAt | 1 << WordCountAt | 1 << QualityScoreAt | 1 << ExtractionAt;
        if (reader.TokenType != JsonTokenType.EndObject || (seen & required) != required || extraction is null)
        {
            throw new JsonException("The document lacks url, text, word_count, quality_score or extraction.");
        }

        // Anything but white space after the object makes the reader throw here.
        if (reader.Read())
        {
            throw new JsonException("The document is followed by more JSON.");
        }

        return new DocumentLayout(quality, words, extraction, html, structured, extractionValue);
    }

    /// <summary>Reads past an object whose every value is a string (the <c>meta</c> tags), or throws.</summary>
    private static void SkipStringMap(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("The document's meta tags are not all strings.");
            }
        }
    }

    private static int IndexOf(ref Utf8JsonReader reader)
    {
        // Property names are plain ASCII: an escaped one is not a name we write.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            for (var i = 0; i < Properties.Length; i++)
            {
                if (reader.ValueSpan.SequenceEqual(Properties[i].Name))
                {
                    return i;
                }
            }
        }

        // Not echoed: the name came from a hostile page's extraction and may be anything, of any length.
        throw new JsonException("The document has a property the contract does not.");
    }

    private static Kind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.String => Kind.String,
        JsonTokenType.Null => Kind.Null,
        JsonTokenType.Number => Kind.Number,
        JsonTokenType.StartArray => Kind.Array,
        JsonTokenType.StartObject => Kind.Object,
        _ => 0,
    };
}
