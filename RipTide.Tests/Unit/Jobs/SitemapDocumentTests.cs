using RipTide.Api.Politeness;
using System.IO.Compression;
using System.Text;
using RipTide.Api.Jobs.Sitemaps;

namespace RipTide.Tests.Unit.Jobs;

public sealed class SitemapDocumentTests
{
    private const long Cap = 1024 * 1024;

    [Fact]
    public void A_urlset_gives_its_pages_and_an_index_its_sitemaps()
    {
        var urlset = SitemapDocument.Parse(Bytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc> https://a.test/one </loc><lastmod>2026-01-01</lastmod></url>
              <url><lastmod>2026-01-01</lastmod><loc>https://a.test/two</loc></url><url><loc>https://a.test/three</loc></url>
            </urlset>
            """), Cap, 100);
        var index = SitemapDocument.Parse(Bytes("""<sitemapindex><sitemap><loc>https://a.test/s1.xml.gz</loc></sitemap><sitemap><loc>https://a.test/s2.xml</loc></sitemap></sitemapindex>"""), Cap, 100);

        Assert.Null(urlset.Error);
        Assert.Equal(["https://a.test/one", "https://a.test/two", "https://a.test/three"], urlset.Pages);
        Assert.Empty(urlset.Sitemaps);
        Assert.Equal(["https://a.test/s1.xml.gz", "https://a.test/s2.xml"], index.Sitemaps);
    }

    [Fact]
    public void Gzip_is_recognised_by_its_bytes_and_a_decompression_bomb_stops_at_the_cap()
    {
        var small = Gzip(Bytes("<urlset><url><loc>https://a.test/z</loc></url></urlset>"));
        Assert.Equal(["https://a.test/z"], SitemapDocument.Parse(small, Cap, 100).Pages);

        // 64 MB of spaces compress to about 64 KB.
        var bomb = Gzip(Bytes("<urlset>" + new string(' ', 64 * 1024 * 1024) + "</urlset>"));
        var refused = SitemapDocument.Parse(bomb, Cap, 100);
        Assert.Contains("larger than", refused.Error, StringComparison.Ordinal);
        Assert.Empty(refused.Pages);
    }

    [Fact]
    public void Entities_and_external_references_are_refused_not_expanded()
    {
        var xxe = Bytes("""
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollol">]>
            <urlset><url><loc>https://a.test/&secret;&lol;</loc></url></urlset>
            """);

        var parsed = SitemapDocument.Parse(xxe, Cap, 100);

        Assert.NotNull(parsed.Error);
        Assert.Empty(parsed.Pages);
    }

    [Fact]
    public void Broken_xml_keeps_what_came_before_the_fault_and_entries_are_capped()
    {
        var truncated = SitemapDocument.Parse(Bytes("<urlset><url><loc>https://a.test/1</loc></url><url><loc>https://a.te"), Cap, 100);
        Assert.Equal(["https://a.test/1"], truncated.Pages);
        Assert.NotNull(truncated.Error);

        var many = "<urlset>" + string.Concat(Enumerable.Range(0, 50).Select(i => $"<url><loc>https://a.test/{i}</loc></url>")) + "</urlset>";
        Assert.Equal(10, SitemapDocument.Parse(Bytes(many), Cap, 10).Pages.Count);
        Assert.NotNull(SitemapDocument.Parse([0x1f, 0x8b, 1, 2, 3], Cap, 10).Error);
    }

    [Fact]
    public void Robots_sitemap_lines_are_read_for_every_agent_and_made_absolute_only_when_they_are()
    {
        var declared = RobotsParser.Sitemaps("User-agent: *\nDisallow: /x\nSitemap: https://a.test/s.xml # main\nsitemap:https://a.test/news.xml\r\nSitemap: /relative.xml\nSITEMAP: ftp://a.test/s.xml\n", 2048);

        Assert.Equal(["https://a.test/s.xml", "https://a.test/news.xml"], declared.Select(url => url.AbsoluteUri));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
