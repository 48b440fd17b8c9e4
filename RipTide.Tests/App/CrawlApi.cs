using System.Net.Http.Json;
using System.Text.Json;
using RipTide.Contracts;
using RipTide.Contracts.Crawling;

namespace RipTide.Tests.App;

/// <summary>How the tests talk to POST /crawl through the gateway, as a client would.</summary>
public static class CrawlApi
{
    public static async Task<CrawlResponse> CrawlAsync(this HttpClient gateway, CrawlRequest request)
    {
        using var response = await gateway.PostAsJsonAsync("/crawl", request, RipTideJsonContext.Default.CrawlRequest);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /crawl answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, RipTideJsonContext.Default.CrawlResponse)!;
    }

    public static Task<CrawlResponse> CrawlAsync(this HttpClient gateway, params Uri[] urls) =>
        gateway.CrawlAsync(new CrawlRequest([.. urls.Select(u => u.AbsoluteUri)]));

    public static string UniqueSlug() => Guid.NewGuid().ToString("N")[..12];
}
