using System.Text;
using Microsoft.Extensions.Options;
using RipTide.Api.Gate;
using RipTide.Api.Options;
using RipTide.Contracts.Crawling;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Unit;

public sealed class PageGateTests
{
    private static readonly PageGate Gate = new(Options.Create(new GateOptions()));

    [Fact]
    public void An_article_page_goes_raw()
    {
        var features = Analyze(TestPages.Article("gate"));

        Assert.True(features.HasArticleSignals);
        Assert.True(features.ParagraphCount >= 2);
        Assert.Equal(GateDecisions.Raw, Gate.Decide(features, RenderModes.Auto));
    }

    [Fact]
    public void A_script_built_single_page_app_needs_a_renderer()
    {
        var features = Analyze(TestPages.SinglePageApp);

        Assert.True(features.HasEmptyAppRoot);
        Assert.True(features.NoscriptAsksForJavaScript);
        Assert.True(features.ScriptChars > 0);
        Assert.True(features.VisibleTextChars < 100, $"visible text {features.VisibleTextChars}");
        Assert.Equal(GateDecisions.Headless, Gate.Decide(features, RenderModes.Auto));
    }

    [Fact]
    public void A_thin_page_without_article_signals_is_probed_first()
    {
        var features = Analyze(TestPages.ThinPage);

        Assert.Equal(GateDecisions.ProbesFirst, Gate.Decide(features, RenderModes.Auto));
    }

    [Fact]
    public void Server_rendered_framework_pages_with_real_text_are_not_sent_to_a_renderer()
    {
        var paragraphs = string.Concat(Enumerable.Repeat($"<p>{TestPages.ArticleParagraph1}</p>", 10));
        var html = TestPages.Article("next").Replace("</article>", paragraphs + "</article>", StringComparison.Ordinal)
            .Replace("</body>", """<script id="__NEXT_DATA__" type="application/json">{"props":{}}</script></body>""", StringComparison.Ordinal);

        Assert.Equal(GateDecisions.ProbesFirst, Gate.Decide(Analyze(html), RenderModes.Auto));
    }

    [Theory]
    [InlineData(RenderModes.Static, GateDecisions.Raw)]
    [InlineData(RenderModes.Headless, GateDecisions.Headless)]
    public void The_client_can_force_the_path(string render, string expected) =>
        Assert.Equal(expected, Gate.Decide(Analyze(TestPages.SinglePageApp), render));

    [Theory]
    [InlineData("<div id=\"root\"></div>", true)]
    [InlineData("<div class=\"shell\" id='__next' data-reactroot></div>", true)]
    [InlineData("<DIV ID=svelte>\n   </DIV>", true)]
    [InlineData("<div id=\"app\"/></div>", true)]
    [InlineData("<div id=\"root\"><p>Server-rendered text.</p></div>", false)]
    [InlineData("<div id=\"rootless\"></div>", false)]
    [InlineData("<div data-id=\"app\"></div>", false)]
    [InlineData("<section id=\"root\"></section>", false)]
    public void An_empty_mount_point_is_found_among_the_pages_divs(string mount, bool expected)
    {
        var html = $"<html><body><div class=\"nav\"><a href=\"/\">Home</a></div>{mount}<div id=\"footer\">(c)</div></body></html>";

        Assert.Equal(expected, Analyze(html).HasEmptyAppRoot);
    }

    [Fact]
    public void A_poor_probe_and_a_headless_decision_are_recorded_as_escalations()
    {
        Assert.Equal(GateEscalations.PoorQuality, Gate.Escalation(GateDecisions.ProbesFirst, qualityScore: 0.1, wordCount: 10));
        Assert.Equal(GateEscalations.PoorQuality, Gate.Escalation(GateDecisions.ProbesFirst, qualityScore: 0.8, wordCount: 10));
        Assert.Null(Gate.Escalation(GateDecisions.ProbesFirst, qualityScore: 0.8, wordCount: 400));
        Assert.Equal(GateEscalations.HeadlessUnavailable, Gate.Escalation(GateDecisions.Headless, qualityScore: 0.8, wordCount: 400));
        Assert.Null(Gate.Escalation(GateDecisions.Raw, qualityScore: 0.1, wordCount: 10));
    }

    [Fact]
    public void With_a_renderer_a_headless_page_is_no_escalation_but_a_poor_probe_still_is()
    {
        Assert.Null(Gate.Escalation(GateDecisions.Headless, qualityScore: 0.1, wordCount: 10, rendererAvailable: true));
        Assert.Equal(GateEscalations.PoorQuality, Gate.Escalation(GateDecisions.ProbesFirst, qualityScore: 0.1, wordCount: 10, rendererAvailable: true));
    }

    [Fact]
    public void Unterminated_markup_is_measured_without_failing()
    {
        var features = Analyze("<html><body><p>text <script>var a = '<p>';");

        Assert.Equal(1, features.ScriptCount);
        Assert.Equal(1, features.ParagraphCount);
    }

    [Fact]
    public void Sizes_are_counted_in_characters_not_utf8_bytes()
    {
        const string text = "潮の満ち引きは月の引力によって起こる。";
        var features = Analyze($"<html><body><p>{text}</p></body></html>");

        Assert.Equal(text.Length, features.VisibleTextChars);
        Assert.Equal($"<html><body><p>{text}</p></body></html>".Length, features.HtmlChars);
    }

    private static GateFeatures Analyze(string html) => GateAnalyzer.Analyze(Encoding.UTF8.GetBytes(html));
}
