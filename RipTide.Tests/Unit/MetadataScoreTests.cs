using RipTide.Bench.Extraction;

namespace RipTide.Tests.Unit;

/// <summary>How `bench extract` judges titles, dates and authors against a corpus's truth.</summary>
public sealed class MetadataScoreTests
{
    [Theory]
    [InlineData("Ein  Titel\n", "ein titel", true)]
    [InlineData("ﬁnal Report", "Final report", true)] // compatibility ligature, case
    [InlineData("Jane Doe", "Jane Doe, Staff", false)]
    [InlineData("Jane Doe", null, false)]
    public void Titles_and_authors_match_after_normalising_space_case_and_compatibility_forms(string truth, string? predicted, bool same) =>
        Assert.Equal(same, MetadataScore.SameText(truth, predicted));

    [Theory]
    [InlineData("2020-01-05", "2020-01-05T23:30:00-05:00", true)]
    [InlineData("2020-01-05", "2020-01-05", true)]
    [InlineData("2020-01-05", "2020-01-06T00:10:00Z", false)]
    [InlineData("2020-01-05", "2020-01", false)]
    [InlineData("2020-01-05", null, false)]
    public void Dates_match_by_the_day_written(string truth, string? predicted, bool same) =>
        Assert.Equal(same, MetadataScore.SameDay(truth, predicted));

    [Fact]
    public void Truth_keeps_named_fields_joins_several_authors_and_skips_empty_ones()
    {
        var corpus = Directory.CreateTempSubdirectory("riptide-meta-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(corpus, "truth.json"), """
                {"a": {"title": "T", "date": "", "author": ["Ann", "Bo"]},
                 "b": {"title": " ", "date": null, "author": ""},
                 "c": {"with": ["x"], "date": "2021-02-03"}}
                """);

            var truths = MetadataScore.Load(corpus);

            Assert.Equal(new MetadataScore.Truth("T", null, "Ann; Bo"), truths["a"]);
            Assert.False(truths.ContainsKey("b"), "a page whose truth names nothing is not asked");
            Assert.Equal(new MetadataScore.Truth(null, "2021-02-03", null), truths["c"]);
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }
}
