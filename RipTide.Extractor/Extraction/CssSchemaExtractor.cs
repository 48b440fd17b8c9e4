using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;

namespace RipTide.Extractor.Extraction;

/// <summary>
/// Structured extraction by CSS selectors with AngleSharp: each field becomes a string (first match,
/// or null) or an array of strings (all matches). Text is whitespace-collapsed; attributes are as written,
/// except <c>href</c> and <c>src</c>, which are made absolute.
/// </summary>
public sealed class CssSchemaExtractor
{
    private const int MaxMatchesPerField = 1000;

    public async Task<JsonElement> ExtractAsync(string html, Uri url, CssSchema schema, CancellationToken cancellationToken)
    {
        using var context = BrowsingContext.New(Configuration.Default);
        using var document = await context.OpenAsync(response => response.Content(html).Address(url), cancellationToken);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in schema.Fields)
            {
                writer.WritePropertyName(field.Name);
                if (field.All)
                {
                    writer.WriteStartArray();
                    foreach (var element in document.QuerySelectorAll(field.Selector).Take(MaxMatchesPerField))
                    {
                        WriteValue(writer, element, field);
                    }

                    writer.WriteEndArray();
                }
                else if (document.QuerySelector(field.Selector) is { } first)
                {
                    WriteValue(writer, first, field);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter writer, IElement element, CssField field)
    {
        if (field.Attribute is null)
        {
            writer.WriteStringValue(TextNormalizer.Collapse(element.TextContent));
            return;
        }

        var value = element.GetAttribute(field.Attribute);
        if (value is not null && field.Attribute is "href" or "src" && Uri.TryCreate(new Uri(element.BaseUri), value, out var absolute))
        {
            value = absolute.AbsoluteUri;
        }

        writer.WriteStringValue(value);
    }
}
