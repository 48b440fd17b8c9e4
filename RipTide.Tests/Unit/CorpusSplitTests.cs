using System.Text.Json;
using RipTide.Bench.Extraction;

namespace RipTide.Tests.Unit;

/// <summary>The extraction corpora's development/check cut: the same for every run, a third checked, nothing in both parts.</summary>
public sealed class CorpusSplitTests
{
    [Theory]
    [InlineData("a", CorpusSplit.Development)]
    [InlineData("b", CorpusSplit.Check)]
    [InlineData("f", CorpusSplit.Check)]
    [InlineData("page-1", CorpusSplit.Development)]
    [InlineData("page-5", CorpusSplit.Check)]
    public void A_page_falls_in_the_part_its_id_hashes_to_on_every_machine(string id, string part) =>
        // Answers computed independently (Python's hashlib): the cut never moves, or earlier figures stop comparing.
        Assert.Equal(part, CorpusSplit.PartOf(id));

    [Fact]
    public void About_a_third_is_checked_and_the_two_parts_make_the_whole()
    {
        var pages = Enumerable.Range(0, 3000).Select(n => Page($"host{n % 37}.example-{n}")).ToList();

        var check = CorpusSplit.Select(pages, CorpusSplit.Check);
        var development = CorpusSplit.Select(pages, CorpusSplit.Development);

        Assert.InRange(check.Count / 3000.0, 0.30, 0.37);
        Assert.Empty(check.Select(p => p.Id).Intersect(development.Select(p => p.Id)));
        Assert.Equal(pages.Count, check.Count + development.Count);
        Assert.Same(pages, CorpusSplit.Select(pages, CorpusSplit.All));
    }

    [Fact]
    public void The_truth_of_a_part_holds_its_pages_and_no_others()
    {
        var corpus = Directory.CreateTempSubdirectory("riptide-split-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(corpus, "truth.json"), """{"a": {"with": ["x"]}, "b": {"with": ["y"]}, "f": {"title": "z"}}""");
            var check = CorpusSplit.Select([Page("a"), Page("b"), Page("f")], CorpusSplit.Check);
            var file = Path.Combine(corpus, "out", "truth-check.json");

            CorpusSplit.WriteTruth(corpus, check, file);

            using var written = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(["b", "f"], written.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("z", written.RootElement.GetProperty("f").GetProperty("title").GetString());
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }

    private static CorpusPage Page(string id) => new(id, string.Empty, [], new Uri($"https://eval.invalid/{id}"));
}
