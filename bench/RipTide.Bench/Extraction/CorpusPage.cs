using System.Text.Json;

namespace RipTide.Bench.Extraction;

/// <summary>One page of a corpus folder: <c>pages/&lt;id&gt;.html</c>, with its URL from <c>truth.json</c> when given.</summary>
public sealed record CorpusPage(string Id, string Html, byte[] Utf8, Uri Url)
{
    public static IReadOnlyList<CorpusPage> Load(string folder)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var truth = Path.Combine(folder, "truth.json");
        if (File.Exists(truth))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(truth));
            foreach (var page in document.RootElement.EnumerateObject())
            {
                if (page.Value.TryGetProperty("url", out var url) && url.GetString() is { } value)
                {
                    urls[page.Name] = value;
                }
            }
        }

        return [.. Directory.GetFiles(Path.Combine(folder, "pages"), "*.html")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var id = Path.GetFileNameWithoutExtension(path);
                var bytes = File.ReadAllBytes(path);
                var url = urls.TryGetValue(id, out var u) && Uri.TryCreate(u, UriKind.Absolute, out var parsed) ? parsed : new Uri($"http://corpus.local/{id}.html");
                return new CorpusPage(id, System.Text.Encoding.UTF8.GetString(bytes), bytes, url);
            })];
    }
}
