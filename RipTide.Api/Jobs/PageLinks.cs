using System.Text.Json;

namespace RipTide.Api.Jobs;

/// <summary>The links and the canonical URL of an extracted document, read from its JSON (absolute already: the extractor resolves them).</summary>
public sealed record PageLinks(IReadOnlyList<(string Url, string Text)> Links, string? Canonical)
{
    public static PageLinks Empty { get; } = new([], null);

    public static PageLinks From(ReadOnlyMemory<byte> documentJson, int maxLinks)
    {
        if (documentJson.IsEmpty)
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(documentJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            var canonical = root.TryGetProperty("canonical_url", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var links = new List<(string, string)>();
            if (root.TryGetProperty("links", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var link in array.EnumerateArray())
                {
                    if (links.Count == maxLinks)
                    {
                        break;
                    }

                    if (link.ValueKind == JsonValueKind.Object && link.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
                    {
                        var text = link.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? string.Empty : string.Empty;
                        links.Add((url.GetString()!, text));
                    }
                }
            }

            return new PageLinks(links, canonical);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }
}
