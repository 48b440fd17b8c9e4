using System.Text.Json;
using RipTide.Api.Firecrawl;

namespace RipTide.Tests.Unit.Firecrawl;

public sealed class FirecrawlFormatsTests
{
    private static List<JsonElement> Formats(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];

    [Fact]
    public void Without_formats_a_client_gets_markdown_as_from_firecrawl()
    {
        Assert.True(FirecrawlFormats.TryParse(null, removeBase64Images: false, out var formats, out _));
        Assert.Equal(FirecrawlFormats.Default, formats);
    }

    [Theory]
    [InlineData("""["markdown","html"]""", true, true, false, false)]
    [InlineData("""["rawHtml","links"]""", false, false, true, true)]
    [InlineData("""[{"type":"markdown"},"links"]""", true, false, false, true)]
    public void Names_and_typed_objects_both_select_formats(string json, bool markdown, bool html, bool rawHtml, bool links)
    {
        Assert.True(FirecrawlFormats.TryParse(Formats(json), false, out var formats, out var problem), problem);
        Assert.Equal((markdown, html, rawHtml, links), (formats.Markdown, formats.Html, formats.RawHtml, formats.Links));
    }

    [Fact]
    public void A_screenshot_object_may_ask_for_the_full_page()
    {
        Assert.True(FirecrawlFormats.TryParse(Formats("""[{"type":"screenshot","fullPage":true}]"""), false, out var formats, out var problem), problem);
        Assert.True(formats.Screenshot);
        Assert.True(formats.FullPageScreenshot);
    }

    [Theory]
    [InlineData("""["json"]""", "language model")]
    [InlineData("""[{"type":"json","prompt":"the price"}]""", "language model")]
    [InlineData("""["summary"]""", "language model")]
    [InlineData("""["changeTracking"]""", "snapshots")]
    [InlineData("""["attributes"]""", "css_schema")]
    [InlineData("""["bogus"]""", "not a format")]
    [InlineData("""[]""", "at least one")]
    [InlineData("""[5]""", "name or an object")]
    [InlineData("""[{"type":"screenshot","quality":80}]""", "quality")]
    public void Formats_riptide_cannot_serve_are_refused_by_name(string json, string expected)
    {
        Assert.False(FirecrawlFormats.TryParse(Formats(json), false, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_formats_kept_beside_a_job_read_back_the_same()
    {
        var formats = new FirecrawlFormats(Markdown: false, Html: true, RawHtml: true, Links: true, Images: true, Screenshot: true, FullPageScreenshot: true, RemoveBase64Images: true);

        Assert.Equal(formats, FirecrawlFormats.Decode(formats.Encode()));
        Assert.Equal(FirecrawlFormats.Default, FirecrawlFormats.Decode(null));
    }
}
