using System.Diagnostics;
using System.Text.Json;
using RipTide.AppHost.Cache;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.App;

/// <summary>A client in another language (bench/clients/crawl-client.mjs) works against the gateway unchanged.</summary>
[Collection(WholeApp.Name)]
public sealed class NodeClientTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_node_client_posting_urls_and_concurrency_reads_the_documented_statistics()
    {
        var node = CacheServerSelector.FindOnPath("node") ?? CacheServerSelector.FindOnPath("nodejs");
        Assert.True(node is not null, "Node.js is required for this test; scripts/test.sh installs it (apt-get install nodejs) when run as root.");
        var script = Path.Combine(RepositoryRoot.Path, "bench", "clients", "crawl-client.mjs");
        var slug = CrawlApi.UniqueSlug();
        var urls = new[] { fixture.Site.Url($"/articles/{slug}"), fixture.Site.Url($"/articles/{slug}-b") };

        var start = new ProcessStartInfo(node!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["RIPTIDE_API_KEY"] = fixture.ClientKey;
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(fixture.Gateway.BaseAddress!.AbsoluteUri);
        foreach (var url in urls)
        {
            start.ArgumentList.Add(url.AbsoluteUri);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await errors}");
        using var read = JsonDocument.Parse(await output);
        Assert.Equal(2, read.RootElement.GetProperty("total_urls").GetInt32());
        Assert.Equal(2, read.RootElement.GetProperty("successful").GetInt32());
        Assert.True(read.RootElement.GetProperty("avg_processing_time_ms").GetDouble() > 0);
        Assert.Equal(0, read.RootElement.GetProperty("cache_hit_rate").GetDouble());
        Assert.Equal(TestPages.ArticleTitle(slug), read.RootElement.GetProperty("titles")[0].GetString());
    }
}
