using System.Globalization;
using RipTide.Bench.Extraction;

namespace RipTide.Tests.Integration;

/// <summary>
/// The quality guard: the committed extraction module, through the pool as in production, scored by the shared
/// reference scorer on the readability set and the trafilatura set's check third, must stay within 0.005 F1 of the
/// figures docs/BENCHMARKS.md documents ("The quality guard"). The figures are read from the document itself, so
/// the number people read and the number CI holds us to are one number. The corpora and the scorer sit in
/// <c>../shared</c> beside every checkout, CI's included; without them this test fails and says so.
/// </summary>
public sealed class ExtractionQualityGuardTests
{
    private const double Tolerance = 0.005;

    private static readonly string Shared = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared"));

    [Theory]
    [InlineData("readability", CorpusSplit.All)]
    [InlineData("trafilatura", CorpusSplit.Check)]
    public void F1_stays_within_half_a_point_of_the_documented_figure(string corpus, string split)
    {
        var documented = DocumentedFigures().Single(f => f.Corpus == corpus && f.Split == split);
        var folder = Path.Combine(Shared, "corpus", corpus);
        Assert.True(Directory.Exists(folder), $"The {corpus} corpus is not at {folder}: the quality guard needs ../shared beside the checkout.");
        var pages = CorpusSplit.Select(CorpusPage.Load(folder), split);
        Assert.Equal(documented.Pages, pages.Count);

        var work = Directory.CreateTempSubdirectory("riptide-quality-").FullName;
        try
        {
            var options = Sandboxes.Defaults();
            options.DeadlineMs = 30_000; // a slow CI core must not turn a page into an empty extraction
            using var pool = Sandboxes.Pool(options);
            var predictions = Path.Combine(work, "riptide-wasm");
            PoolExtraction.WritePredictions(PoolExtraction.ExtractAll(pool, pages, options.PoolSize), predictions);
            var truth = Path.Combine(work, "truth.json");
            CorpusSplit.WriteTruth(folder, pages, truth);

            var score = ReferenceScorer.Run(Path.Combine(Shared, "eval", "score.py"), truth, [predictions], bootstrap: 1).Scores["riptide-wasm"];

            Assert.True(
                score.F1 >= documented.F1 - Tolerance,
                string.Create(CultureInfo.InvariantCulture,
                    $"{corpus} ({split}, {pages.Count} pages): F1 {score.F1:0.0000} (P {score.Precision:0.0000}, R {score.Recall:0.0000}) is more than {Tolerance} below the documented {documented.F1:0.0000}."));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Figure(string Corpus, string Split, int Pages, double F1);

    /// <summary>The rows of the table under "### The quality guard": <c>| corpus | split | pages | F1 |</c>.</summary>
    private static List<Figure> DocumentedFigures()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "BENCHMARKS.md"));
        var heading = Array.FindIndex(lines, line => line.StartsWith("### The quality guard", StringComparison.Ordinal));
        Assert.True(heading >= 0, "docs/BENCHMARKS.md has no \"### The quality guard\" section.");
        return [.. lines.Skip(heading + 1)
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Trim('|').Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && int.TryParse(cells[2], CultureInfo.InvariantCulture, out _))
            .Select(cells => new Figure(cells[0], cells[1], int.Parse(cells[2], CultureInfo.InvariantCulture), double.Parse(cells[3], CultureInfo.InvariantCulture)))];
    }
}
