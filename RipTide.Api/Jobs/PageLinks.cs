using System.Text.Json;

namespace RipTide.Api.Jobs;

/// <summary>The links and the canonical URL of an extracted document, read from its JSON (absolute already: the extractor resolves them).</summary>
public sealed record PageLinks(IReadOnlyList<(string Url, string Text)> Links, string? Canonical)
{
    public static PageLinks Empty { get; } = new([], null);

    /// <summary>
    /// Reads the two properties and stops. The module writes a document's properties in alphabetical order, so
    /// both come before its markdown and text, which are most of its bytes: a whole parse of a bench page's
    /// document took 55 µs, most of it scanning those two strings. Documents are checked when they arrive
    /// (<c>DocumentLayout</c>); one in another order is read further, to wherever both are.
    /// </summary>
    public static PageLinks From(ReadOnlyMemory<byte> documentJson, int maxLinks)
    {
        if (documentJson.IsEmpty)
        {
            return Empty;
        }

        try
        {
            var reader = new Utf8JsonReader(documentJson.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Empty;
            }

            string? canonical = null;
            List<(string, string)>? links = null;
            var sawCanonical = false;
            while (!(sawCanonical && links is not null) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("canonical_url"u8))
                {
                    reader.Read();
                    sawCanonical = true;
                    canonical = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("links"u8))
                {
                    reader.Read();
                    links = ReadLinks(ref reader, maxLinks);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new PageLinks(links ?? [], canonical);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    /// <summary>The first <paramref name="maxLinks"/> links of the array at the reader (those with a string URL); the reader ends on the array's end.</summary>
    private static List<(string, string)> ReadLinks(ref Utf8JsonReader reader, int maxLinks)
    {
        var links = new List<(string, string)>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return links;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject || links.Count == maxLinks)
            {
                reader.Skip();
                continue;
            }

            string? url = null;
            var text = string.Empty;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUrl = reader.ValueTextEquals("url"u8);
                var isText = !isUrl && reader.ValueTextEquals("text"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && (isUrl || isText))
                {
                    if (isUrl)
                    {
                        url = reader.GetString();
                    }
                    else
                    {
                        text = reader.GetString() ?? string.Empty;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (url is not null)
            {
                links.Add((url, text));
            }
        }

        return links;
    }
}
