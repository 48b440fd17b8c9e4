using AngleSharp.Dom;

namespace RipTide.Extractor.Extraction;

/// <summary>
/// The page's <c>&lt;meta&gt;</c> tags as the document's <c>meta</c> reports them, by the WebAssembly engine's rules
/// (<c>metadata.rs</c>): keyed by <c>property</c>, else <c>name</c> (trimmed, lower case), the first of a name winning,
/// content with white space collapsed. The page decides how many tags it has and how long they are, so the document's
/// size must not: at most 64 tags, names of up to 100 characters, values cut at 1,000.
/// </summary>
internal static class MetaTags
{
    private const int MaxTags = 64;
    private const int MaxNameChars = 100;
    private const int MaxValueChars = 1000;

    public static IReadOnlyDictionary<string, string> Read(IDocument document)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            if (tags.Count == MaxTags)
            {
                break;
            }

            var name = (meta.GetAttribute("property") ?? meta.GetAttribute("name"))?.Trim().ToLowerInvariant();
            var content = meta.GetAttribute("content") is { } raw ? TextNormalizer.Collapse(raw) : null;
            if (!string.IsNullOrEmpty(name) && name.Length <= MaxNameChars && !string.IsNullOrEmpty(content))
            {
                tags.TryAdd(name, Cut(content));
            }
        }

        return tags;
    }

    /// <summary>At most <see cref="MaxValueChars"/>, never half a surrogate pair.</summary>
    private static string Cut(string value)
    {
        if (value.Length <= MaxValueChars)
        {
            return value;
        }

        var end = char.IsHighSurrogate(value[MaxValueChars - 1]) ? MaxValueChars - 1 : MaxValueChars;
        return value[..end];
    }
}
