using System.Text.Json;
using RipTide.Sandbox;

namespace RipTide.Bench.Extraction;

/// <summary>Corpus pages through RipTide's WebAssembly pool (the production path), and their predictions on disk.</summary>
public static class PoolExtraction
{
    /// <summary>
    /// What a request pays: the checked JSON as the Extractor answers with it. Reading title and text back out is
    /// the caller's own bookkeeping, for the predictions and the metadata scores.
    /// </summary>
    public static Extracted Extract(WasmPool pool, CorpusPage page)
    {
        var json = WasmExtractor.ExtractAsync(pool, page.Html, page.Url, ExtractionMode.Article, markdown: true, CancellationToken.None).GetAwaiter().GetResult();
        var document = json.ToDocument();
        return new Extracted(document.Title, document.Text, document.Byline, document.PublishedIso);
    }

    /// <summary>Every page, <paramref name="threads"/> at a time, by page id.</summary>
    public static IReadOnlyDictionary<string, Extracted> ExtractAll(WasmPool pool, IReadOnlyList<CorpusPage> pages, int threads)
    {
        var extracted = new Extracted[pages.Count];
        Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => extracted[i] = Extract(pool, pages[i]));
        return pages.Select((page, i) => (page.Id, extracted[i])).ToDictionary(p => p.Id, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>One <c>&lt;id&gt;.json</c> per page, in the form <c>score.py</c> reads (<c>text</c>, <c>title</c>) plus author and date.</summary>
    public static void WritePredictions(IReadOnlyDictionary<string, Extracted> pages, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (id, page) in pages)
        {
            var json = JsonSerializer.Serialize(new Dictionary<string, string?> { ["title"] = page.Title, ["text"] = page.Text, ["author"] = page.Author, ["date"] = page.Date });
            File.WriteAllText(Path.Combine(folder, id + ".json"), json);
        }
    }
}
