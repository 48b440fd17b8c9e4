using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RipTide.Api.Jobs.Sitemaps;
using RipTide.Api.Options;
using RipTide.Api.Politeness;
using RipTide.Tests.TestSite;

namespace RipTide.Tests.Integration;

/// <summary>A site's robots.txt serves its rules and its sitemaps from one fetch, through the production fetcher.</summary>
public sealed class RobotsSitemapTests
{
    [Fact]
    public async Task Sitemaps_come_from_the_robots_txt_already_fetched_for_the_rules()
    {
        var robotsFetches = 0;
        Uri? site = null;
        await using var app = LoopbackServer.Create();
        app.MapGet("/robots.txt", () =>
        {
            Interlocked.Increment(ref robotsFetches);
            return Results.Text($"User-agent: *\nDisallow: /private/\nSitemap: {new Uri(site!, "/pages.xml")}\n", "text/plain");
        });
        site = await LoopbackServer.StartAsync(app);
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var fetch = new FetchOptions();
        fetch.AllowedNetworks.Add("127.0.0.1/32");
        using var fetcher = ProductionFetcher.Create(services.GetRequiredService<IMeterFactory>(), fetch);
        var politeness = Options.Create(new PolitenessOptions());
        var robots = new RobotsCache(fetcher, politeness, Options.Create(fetch), Options.Create(new CrawlLimitsOptions()), TimeProvider.System);
        var sitemaps = new SitemapReader(fetcher, new HostThrottle(politeness, TimeProvider.System), robots,
            Options.Create(new JobOptions()), politeness, TimeProvider.System);

        var verdict = await robots.CheckAsync(new Uri(site, "/private/x"), CancellationToken.None);
        var declared = await sitemaps.SitemapsOfAsync(new Uri(site, "/p/1"), CancellationToken.None);

        Assert.NotNull(verdict.Error);
        Assert.Equal([new Uri(site, "/pages.xml")], declared);
        Assert.Equal(1, robotsFetches);
    }
}
