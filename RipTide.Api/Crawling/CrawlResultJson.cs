using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;
using RipTide.Contracts.Extraction;

namespace RipTide.Api.Crawling;

/// <summary>
/// How the Api writes crawl answers: the contract's JSON (<see cref="JsonDefaults"/>), except that a
/// result's <c>document</c> field is written from <see cref="StoredDocumentResult.DocumentJson"/> verbatim when
/// the Extractor or the cache supplied it. Parsing a cached document only to encode it again was most of a cache hit's cost;
/// the stored bytes are what encoding the document gives (the cache writes them with the same settings).
/// </summary>
public static class CrawlResultJson
{
    private const string DocumentFieldName = "document";

    /// <summary>Standalone options for bodies written outside ASP.NET's result writers (the stream's lines).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Apply(JsonSerializerOptions options)
    {
        var resolver = options.TypeInfoResolver ?? throw new InvalidOperationException("Apply the contract's JSON settings first.");
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(resolver, CrawlResultJsonContext.Default).WithAddedModifier(SpliceDocument);
    }

    /// <summary>Replaces CrawlResult's <c>document</c> property, in place, by one that sees the whole result.</summary>
    private static void SpliceDocument(JsonTypeInfo info)
    {
        if (info.Type != typeof(CrawlResult))
        {
            return;
        }

        for (var i = 0; i < info.Properties.Count; i++)
        {
            if (info.Properties[i].Name == DocumentFieldName)
            {
                var spliced = info.CreateJsonPropertyInfo(typeof(DocumentField), DocumentFieldName);
                spliced.Get = result => result is StoredDocumentResult stored
                    ? new DocumentField(stored.Document, stored.DocumentJson)
                    : new DocumentField(((CrawlResult)result).Document, Json: default);
                info.Properties[i] = spliced;
                return;
            }
        }

        throw new InvalidOperationException($"{nameof(CrawlResult)} has no '{DocumentFieldName}' property to splice.");
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonDefaults.Options);
        Apply(options);
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>A result's document as the writer sees it: parsed, or stored JSON.</summary>
[JsonConverter(typeof(DocumentFieldConverter))]
public readonly record struct DocumentField(Document? Parsed, ReadOnlyMemory<byte> Json);

/// <summary>Writes <see cref="DocumentField"/>: stored JSON as it is, else the parsed document, else null. Write only.</summary>
public sealed class DocumentFieldConverter : JsonConverter<DocumentField>
{
    public override DocumentField Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Crawl answers are written by the Api, never read by it.");

    public override void Write(Utf8JsonWriter writer, DocumentField value, JsonSerializerOptions options)
    {
        if (!value.Json.IsEmpty)
        {
            // Checked as a JSON object when read from the cache (CachedPageCodec); a full validation here
            // would cost as much as the parse this avoids.
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
        }
        else if (value.Parsed is { } document)
        {
            JsonSerializer.Serialize(writer, document, (JsonTypeInfo<Document>)options.GetTypeInfo(typeof(Document)));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

[JsonSerializable(typeof(DocumentField))]
internal sealed partial class CrawlResultJsonContext : JsonSerializerContext;
