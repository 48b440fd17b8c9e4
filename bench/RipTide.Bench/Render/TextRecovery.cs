using System.Text.Json;
using RipTide.Bench.Extraction;
using RipTide.Bench.Site;
using RipTide.Sandbox;

namespace RipTide.Bench.Render;

/// <summary>
/// How much of the script-built pages' known text each path recovers: our extraction of the HTML as fetched
/// (the static path) and of the HTML the Renderer returned (the auto path), written as prediction folders next
/// to a truth.json, and scored by <c>../shared/eval/score.py</c> (shingle precision, recall and F1).
/// </summary>
public static class TextRecovery
{
    public static async Task<string> MeasureAsync(
        RendererProcess renderer, HttpClient site, Uri siteBase, int pagesPerKind, string folder, string scoreScript, CancellationToken cancellationToken)
    {
        var truth = new Dictionary<string, object>();
        var staticDir = Directory.CreateDirectory(Path.Combine(folder, "static")).FullName;
        var renderedDir = Directory.CreateDirectory(Path.Combine(folder, "auto")).FullName;
        using var pool = ExtractBenchmark.CreatePool(1, modulePath: null);
        foreach (var kind in RenderPages.Recoverable)
        {
            for (var i = 0; i < pagesPerKind; i++)
            {
                var slug = $"recover{i}";
                var id = $"{kind.Trim('/').Replace('/', '-')}-{slug}";
                var url = new Uri(siteBase, kind + slug);
                truth[id] = new { articleBody = string.Join("\n\n", [RenderPages.Title(slug), .. RenderPages.Paragraphs(slug)]) };
                var html = await site.GetStringAsync(url, cancellationToken);
                await WriteAsync(staticDir, id, await TextAsync(pool, html, url));
                await WriteAsync(renderedDir, id, await TextAsync(pool, await renderer.RenderAsync(url.AbsoluteUri, html, 0, cancellationToken), url));
            }
        }

        var truthPath = Path.Combine(folder, "truth.json");
        await File.WriteAllTextAsync(truthPath, JsonSerializer.Serialize(truth), cancellationToken);
        var command = $"python3 {scoreScript} --corpus render-pages --truth {truthPath} {staticDir} {renderedDir}";
        if (!File.Exists(scoreScript))
        {
            return $"(score.py not found at {scoreScript}; run: {command})";
        }

        return $"`{command}`\n\n{ReferenceScorer.Run(scoreScript, truthPath, [staticDir, renderedDir]).Table}";
    }

    private static async Task<string> TextAsync(WasmPool pool, string html, Uri url)
    {
        var document = (await WasmExtractor.ExtractAsync(pool, html, url, ExtractionMode.Article, markdown: false, CancellationToken.None)).ToDocument();
        return document.Text;
    }

    private static Task WriteAsync(string folder, string id, string text) =>
        File.WriteAllTextAsync(Path.Combine(folder, id + ".json"), JsonSerializer.Serialize(new { articleBody = text }));
}
