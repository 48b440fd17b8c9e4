using Microsoft.Extensions.Configuration;

namespace RipTide.AppHost;

/// <summary>
/// The bench tool's generated test site as an optional resource (<c>RipTide:Bench:Site=true</c>), so that a
/// newcomer can try /crawl offline: pages at http://127.0.0.1:{port}/page/0 … (loopback is crawlable in
/// Development only).
/// </summary>
public static class BenchSiteResource
{
    public const string EnabledKey = "RipTide:Bench:Site";
    public const string PortKey = "RipTide:Bench:SitePort";
    public const string PagesKey = "RipTide:Bench:SitePages";
    public const string LatencyKey = "RipTide:Bench:SiteLatency";

    public static void AddBenchSiteIfEnabled(this IDistributedApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(EnabledKey))
        {
            return;
        }

        var port = builder.Configuration.GetValue(PortKey, 9090);
        var pages = builder.Configuration.GetValue(PagesKey, 1000);
        var latency = builder.Configuration[LatencyKey] is { Length: > 0 } value ? value : "0";
        builder.AddProject<Projects.RipTide_Bench>("site", options => options.ExcludeLaunchProfile = true)
            .WithArgs("site", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--pages", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), "--latency", latency);
        Console.WriteLine($"RipTide: test site at http://127.0.0.1:{port}/page/0 … /page/{pages - 1} (robots.txt, sitemap.xml)");
    }
}
